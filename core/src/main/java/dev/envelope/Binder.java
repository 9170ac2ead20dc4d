package dev.envelope;

import dev.envelope.internal.BuiltinConstraints;
import dev.envelope.internal.EntrySource;
import dev.envelope.internal.Schema;
import dev.envelope.internal.SchemaValidator;
import dev.envelope.internal.ValueType;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns resolved text into the schema's records: picks each variable's value or default, converts
 * it, builds the records bottom-up, and validates them, collecting every problem on the way.
 */
final class Binder {
  private static final int SHOWN_LENGTH = 40;

  /** A bound variable: its value, the text it came from (null if unset) and its origin. */
  record Bound(Object value, String text, String origin, List<String> shadowed) {}

  private final Schema schema;
  private final Layers layers;
  private final Profile profile;
  private final String profileOrigin;
  private final Set<EntrySource> fileSources;
  private final boolean secretsFromFiles;
  private final String lookedIn;
  private final Redactor redactor;
  private final List<Problem> problems = new ArrayList<>();
  private final Map<Schema.Variable, Bound> bound = new LinkedHashMap<>();
  private final Map<Schema.Group, Object> instances = new IdentityHashMap<>();

  Binder(
      Schema schema,
      Layers layers,
      Profile profile,
      String profileOrigin,
      Set<EntrySource> fileSources,
      boolean secretsFromFiles,
      String lookedIn,
      Redactor redactor) {
    this.schema = schema;
    this.layers = layers;
    this.profile = profile;
    this.profileOrigin = profileOrigin;
    this.fileSources = fileSources;
    this.secretsFromFiles = secretsFromFiles;
    this.lookedIn = lookedIn;
    this.redactor = redactor;
  }

  /** Binds the whole schema; returns the root record, or null if any problem was found. */
  Object bind() {
    return build(schema.root());
  }

  /** Validates what could be bound; call after {@link #bind()}. */
  void validate(SchemaValidator validator) {
    try {
      validate(schema.root(), validator);
    } catch (RuntimeException e) {
      // A constraint the validator cannot handle (no validator for the type, a broken custom one).
      problems.add(new Problem(schema.root().label(), Problem.Kind.SCHEMA,
          "validation could not run: " + e.getClass().getSimpleName() + ": " + e.getMessage(), "schema"));
    }
  }

  /**
   * Validates what could be bound against constraints that {@link BuiltinConstraints} evaluates,
   * when the schema has no others; call after {@link #bind()}.
   */
  void validateBuiltin(boolean jdkUrlHandlers) {
    for (Map.Entry<Schema.Variable, Bound> entry : bound.entrySet()) {
      for (dev.envelope.internal.AnnotationData constraint : entry.getKey().constraints()) {
        String message = BuiltinConstraints.violation(constraint, entry.getValue().value(), jdkUrlHandlers);
        if (message != null) {
          problems.add(new Problem(entry.getKey().name(), Problem.Kind.CONSTRAINT, message, entry.getValue().origin()));
        }
      }
    }
  }

  List<Problem> problems() {
    return problems;
  }

  /** Returns each bound variable's text (null when unset), to tell which variables a refresh changed. */
  Map<String, String> texts() {
    Map<String, String> texts = new LinkedHashMap<>();
    for (Map.Entry<Schema.Variable, Bound> entry : bound.entrySet()) {
      texts.put(entry.getKey().name(), entry.getValue().text());
    }
    return texts;
  }

  Map<Schema.Variable, Bound> bound() {
    return bound;
  }

  private Object build(Schema.Group group) {
    List<Object> members = group.members();
    Object[] arguments = new Object[members.size()];
    boolean complete = true;
    for (int i = 0; i < members.size(); i++) {
      Object member = members.get(i);
      // Null means a problem was recorded: an unset optional is bound to an empty Optional.
      Object value;
      if (member instanceof Schema.Group nested) {
        value = build(nested);
      } else {
        Bound result = bind((Schema.Variable) member);
        value = result == null ? null : result.value();
      }
      complete &= value != null;
      arguments[i] = value;
    }
    if (!complete) {
      return null;
    }
    try {
      Object instance = group.constructor().newInstance(arguments);
      instances.put(group, instance);
      return instance;
    } catch (InvocationTargetException e) {
      problems.add(new Problem(group.label(), Problem.Kind.CONSTRAINT, rejected(group, e.getCause()), origins(group)));
    } catch (ReflectiveOperationException e) {
      problems.add(new Problem(group.label(), Problem.Kind.SCHEMA, "cannot construct " + group.type().getName() + ": " + e, "schema"));
    }
    return null;
  }

  private String rejected(Schema.Group group, Throwable cause) {
    // A compact constructor's message may quote its arguments, which may be or hold secrets, at any depth.
    String detail = holdsSecrets(group) || cause.getMessage() == null
        ? cause.getClass().getSimpleName() + " (the message is withheld: the record holds a secret)"
        : cause.getMessage();
    if (cause.getMessage() == null) {
      detail = cause.getClass().getSimpleName();
    }
    return "rejected by " + group.type().getSimpleName() + "'s constructor: " + detail;
  }

  /** Returns the distinct origins of the values a group was built from, for a problem of the group as a whole. */
  String origins(Schema.Group group) {
    Set<String> origins = new java.util.LinkedHashSet<>();
    collectOrigins(group, origins);
    return String.join(", ", origins);
  }

  private void collectOrigins(Schema.Group group, Set<String> origins) {
    for (Object member : group.members()) {
      if (member instanceof Schema.Group nested) {
        collectOrigins(nested, origins);
      } else {
        Bound value = bound.get((Schema.Variable) member);
        if (value != null && value.text() != null && !((Schema.Variable) member).profile()) {
          origins.add(((Schema.Variable) member).name() + " from " + value.origin());
        }
      }
    }
  }

  /** Returns whether a group holds a secret, or a value built from one, at any depth. */
  private boolean holdsSecrets(Schema.Group group) {
    for (Object member : group.members()) {
      if (member instanceof Schema.Group nested) {
        if (holdsSecrets(nested)) {
          return true;
        }
      } else {
        Schema.Variable variable = (Schema.Variable) member;
        Bound value = bound.get(variable);
        if (variable.secret() || (value != null && redactor.reveals(value.text()))) {
          return true;
        }
      }
    }
    return false;
  }

  private Bound bind(Schema.Variable variable) {
    if (variable.profile()) {
      Bound result = new Bound(profile, profile.name(), profileOrigin, List.of());
      bound.put(variable, result);
      return result;
    }
    ValueType type = variable.type();
    // Empty means unset except for strings; an empty value then lets lower layers and defaults apply.
    boolean emptyIsUnset = !(type.emptyIsValue() && !variable.forbidsEmpty());
    Layers.Lookup lookup = layers.lookup(variable.name(), emptyIsUnset);
    String text = null;
    String origin = null;
    List<String> shadowed = List.of();
    String emptyAt = lookup == null ? null : lookup.emptyAt();
    boolean fromFile = false;
    if (lookup != null && lookup.value() != null) {
      text = lookup.value();
      origin = emptyAt == null ? lookup.origin() : lookup.origin() + " (empty in " + emptyAt + ")";
      shadowed = lookup.shadowed();
      fromFile = fileSources.contains(lookup.source());
    }
    if (text == null) {
      String fallback = variable.defaultsIn().get(profile);
      String fallbackOrigin = "default for " + profile;
      if (fallback == null) {
        fallback = variable.defaultValue();
        fallbackOrigin = "default";
      }
      if (fallback != null && (!fallback.isEmpty() || type.emptyIsValue() || type.collection())) {
        text = fallback;
        // Say why a set variable did not count, or the report reads as if nothing set it.
        origin = emptyAt == null ? fallbackOrigin : fallbackOrigin + " (empty in " + emptyAt + ")";
      }
    }
    if (text == null) {
      boolean required = type.optionality() == ValueType.Optionality.REQUIRED || variable.requiredIn().contains(profile);
      if (!required) {
        Bound result = new Bound(type.unsetValue(), null, "(unset)", List.of());
        bound.put(variable, result);
        return result;
      }
      problems.add(missing(variable, emptyAt));
      return null;
    }
    Object value;
    try {
      value = type.convert(text);
    } catch (IllegalArgumentException e) {
      // A converter's message may quote part of the text, and so part of a secret the text was built from.
      String message = !variable.secret() && redactor.reveals(text)
          ? "is not a valid " + type.describe() + " (details withheld: the value holds a secret)"
          : e.getMessage();
      problems.add(new Problem(variable.name(), Problem.Kind.INVALID, shown(variable, text) + " " + message, origin));
      return null;
    } catch (RuntimeException e) {
      // Not expected from Envelope's converters; never let it become a stack trace or quote the text.
      problems.add(new Problem(variable.name(), Problem.Kind.INVALID,
          shown(variable, text) + " could not be converted (" + e.getClass().getSimpleName() + ")", origin));
      return null;
    }
    if (fromFile && variable.secret() && !secretsFromFiles) {
      problems.add(
          new Problem(
              variable.name(),
              Problem.Kind.CONSTRAINT,
              "is a secret, and secrets may not come from .env files in " + profile,
              origin,
              "set it in the environment or a secret provider"));
      return null;
    }
    Bound result = new Bound(value, text, origin, shadowed);
    bound.put(variable, result);
    return result;
  }

  private Problem missing(Schema.Variable variable, String emptyAt) {
    String message =
        variable.requiredIn().contains(profile) ? "required in " + profile + " but not set" : "required but not set";
    if (emptyAt != null) {
      message += " (it is empty in " + emptyAt + ", and an empty value counts as unset for this type: " + variable.type().describe() + ")";
    }
    return new Problem(variable.name(), Problem.Kind.MISSING, message, "looked in: " + lookedIn);
  }

  /** Returns how a value is quoted in a message: never for a secret, shortened otherwise. */
  String shown(Schema.Variable variable, String text) {
    if (variable.secret()) {
      return "the secret value";
    }
    return "'" + shorten(text) + "'";
  }

  /**
   * Returns {@code text} on one line, with known secrets masked (before cutting, so that no part of
   * one survives), cut to a length that fits a table.
   */
  String shorten(String text) {
    String line = redactor.apply(text).replace("\n", "\\n").replace("\r", "\\r");
    return line.length() > SHOWN_LENGTH ? line.substring(0, SHOWN_LENGTH) + "…" : line;
  }

  private void validate(Schema.Group group, SchemaValidator validator) {
    if (schema.constrainedClasses().contains(group.type())) {
      Object instance = instances.get(group);
      if (instance != null) {
        for (ConstraintViolation<Object> violation : validator.validate(instance)) {
          report(group, violation);
        }
      } else {
        for (Object member : group.members()) {
          Object value = null;
          String property = null;
          if (member instanceof Schema.Variable variable && bound.containsKey(variable) && !variable.profile()) {
            property = variable.component().getName();
            value = bound.get(variable).value();
          } else if (member instanceof Schema.Group nested && instances.containsKey(nested)) {
            property = nested.component();
            value = instances.get(nested);
          }
          if (property != null) {
            for (ConstraintViolation<Object> violation : validator.validateValue(group.type(), property, value)) {
              report(group, violation);
            }
          }
        }
      }
    }
    for (Object member : group.members()) {
      if (member instanceof Schema.Group nested) {
        validate(nested, validator);
      }
    }
  }

  private void report(Schema.Group group, ConstraintViolation<Object> violation) {
    Iterator<Path.Node> path = violation.getPropertyPath().iterator();
    Path.Node first = path.hasNext() ? path.next() : null;
    if (first == null || first.getKind() == ElementKind.BEAN || first.getName() == null) {
      problems.add(new Problem(group.label(), Problem.Kind.CONSTRAINT, ConstraintMessages.of(violation), ""));
      return;
    }
    for (Object member : group.members()) {
      if (member instanceof Schema.Variable variable && variable.component().getName().equals(first.getName())) {
        Bound value = bound.get(variable);
        String origin = value == null ? "" : value.origin();
        problems.add(new Problem(variable.name(), Problem.Kind.CONSTRAINT, ConstraintMessages.of(violation), origin));
        return;
      }
      // A constraint on the nested record component itself is reported for that group; a violation
      // deeper inside it (reached through @Valid) is not, since each group is validated on its own.
      if (member instanceof Schema.Group nested && first.getName().equals(nested.component()) && !path.hasNext()) {
        problems.add(new Problem(nested.label(), Problem.Kind.CONSTRAINT, ConstraintMessages.of(violation), ""));
        return;
      }
    }
  }
}
