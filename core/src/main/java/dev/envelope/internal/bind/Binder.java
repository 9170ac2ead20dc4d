package dev.envelope.internal.bind;

import dev.envelope.Problem;
import dev.envelope.Profile;
import dev.envelope.Report;
import dev.envelope.Secret;
import dev.envelope.internal.report.Redactor;
import dev.envelope.internal.schema.Schema;
import dev.envelope.internal.schema.ValueType;
import dev.envelope.internal.sources.EntrySource;
import dev.envelope.internal.sources.Layers;
import dev.envelope.internal.startup.DirectCalls;
import dev.envelope.internal.validate.BuiltinValidation;
import dev.envelope.internal.validate.ConstraintMessages;
import dev.envelope.internal.validate.SchemaValidator;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns resolved text into the schema's records: picks each variable's value or default, converts
 * it, builds the records bottom-up, and validates them, collecting every problem on the way.
 */
public final class Binder {
  private static final int SHOWN_LENGTH = 40;

  /** A bound variable: its value, the text it came from (null if unset) and its origin. */
  public record Bound(Object value, String text, String origin, List<String> shadowed) {}

  private final Schema schema;
  private final Layers layers;
  private final Profile profile;
  private final String profileOrigin;
  private final Set<EntrySource> fileSources;
  private final boolean secretsFromFiles;
  private final String lookedIn;
  private final Map<String, String> lookedInFor;
  private final Redactor redactor;
  private final List<Problem> problems = new ArrayList<>();
  private final Map<Schema.Variable, Bound> bound = new LinkedHashMap<>();
  private final Map<Schema.Group, Object> instances = new IdentityHashMap<>();

  public Binder(
      Schema schema,
      Layers layers,
      Profile profile,
      String profileOrigin,
      Set<EntrySource> fileSources,
      boolean secretsFromFiles,
      String lookedIn,
      Map<String, String> lookedInFor,
      Redactor redactor) {
    this.schema = schema;
    this.layers = layers;
    this.profile = profile;
    this.profileOrigin = profileOrigin;
    this.fileSources = fileSources;
    this.secretsFromFiles = secretsFromFiles;
    this.lookedIn = lookedIn;
    this.lookedInFor = lookedInFor;
    this.redactor = redactor;
  }

  /** Binds the whole schema; returns the root record, or null if any problem was found. */
  public Object bind() {
    return build(schema.root());
  }

  /** Validates what could be bound; call after {@link #bind()}. */
  public void validate(SchemaValidator validator) {
    try {
      validate(schema.root(), validator);
    } catch (RuntimeException e) {
      // A constraint the validator cannot handle (no validator for the type, a broken custom one).
      problems.add(new Problem(schema.root().label(), Problem.Kind.SCHEMA,
          "validation could not run: " + e.getClass().getSimpleName() + ": " + e.getMessage(), "schema"));
    }
  }

  /**
   * Validates what could be bound against constraints that Envelope evaluates itself ({@link BuiltinValidation}),
   * when the schema has no others; call after {@link #bind()}.
   */
  public void validateBuiltin(boolean jdkUrlHandlers) {
    for (Map.Entry<Schema.Variable, Bound> entry : bound.entrySet()) {
      for (String message : BuiltinValidation.violations(entry.getKey(), entry.getValue().value(), jdkUrlHandlers)) {
        problems.add(new Problem(entry.getKey().name(), Problem.Kind.CONSTRAINT, message, entry.getValue().origin()));
      }
    }
    validateGetters(schema.root(), jdkUrlHandlers);
  }

  private void validateGetters(Schema.Group group, boolean jdkUrlHandlers) {
    Object instance = instances.get(group);
    for (Schema.Getter getter : instance == null ? List.<Schema.Getter>of() : group.getters()) {
      try {
        for (String message : BuiltinValidation.violations(getter, instance, jdkUrlHandlers)) {
          problems.add(new Problem(group.label(), Problem.Kind.CONSTRAINT, message, origins(group)));
        }
      } catch (IllegalStateException e) {
        problems.add(new Problem(group.label(), Problem.Kind.SCHEMA, "validation could not run: " + e.getMessage(), "schema"));
      }
    }
    for (Object member : group.members()) {
      if (member instanceof Schema.Group nested) {
        validateGetters(nested, jdkUrlHandlers);
      }
    }
  }

  /**
   * Returns where the values of {@code group}'s variables came from, for a problem of the whole
   * group: one origin if they share it, else each variable's ({@code POOL_MIN .env:3, POOL_MAX
   * environment}).
   */
  private String origins(Schema.Group group) {
    Set<String> distinct = new LinkedHashSet<>();
    StringBuilder each = new StringBuilder();
    for (Object member : group.members()) {
      Bound value = member instanceof Schema.Variable variable ? bound.get(variable) : null;
      if (value != null && !((Schema.Variable) member).profile()) {
        distinct.add(value.origin());
        each.append(each.length() == 0 ? "" : ", ").append(((Schema.Variable) member).name()).append(' ').append(value.origin());
      }
    }
    return distinct.size() <= 1 ? String.join("", distinct) : each.toString();
  }

  public List<Problem> problems() {
    return problems;
  }

  /** Returns the report's rows: every variable as it was bound, secrets masked, in schema order. */
  public List<Report.Variable> reportRows() {
    List<Report.Variable> rows = new ArrayList<>();
    for (Map.Entry<Schema.Variable, Bound> entry : bound.entrySet()) {
      Schema.Variable variable = entry.getKey();
      Bound value = entry.getValue();
      String shown;
      if (value.text() == null) {
        shown = "(unset)";
      } else if (variable.secret()) {
        shown = Secret.of("").toString();
      } else {
        shown = shorten(variable, value.text());
      }
      rows.add(new Report.Variable(variable.name(), shown, value.origin(), variable.secret(), value.shadowed()));
    }
    return rows;
  }

  /** Returns each bound variable's text (null when unset), to tell which variables a refresh changed. */
  public Map<String, String> texts() {
    Map<String, String> texts = new LinkedHashMap<>();
    for (Map.Entry<Schema.Variable, Bound> entry : bound.entrySet()) {
      texts.put(entry.getKey().name(), entry.getValue().text());
    }
    return texts;
  }

  public Map<Schema.Variable, Bound> bound() {
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
      Object instance = DirectCalls.construct(group.constructor(), arguments);
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
    boolean markedSecret = false;
    if (lookup != null && lookup.value() != null) {
      text = lookup.value();
      origin = emptyAt == null ? lookup.origin() : lookup.origin() + " (empty in " + emptyAt + ")";
      shadowed = lookup.shadowed();
      fromFile = fileSources.contains(lookup.source());
      markedSecret = lookup.source().candidate(variable.name()).secret();
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
      problems.add(missing(variable, emptyAt, lookup != null && lookup.emptyIsBlank()));
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
    if (markedSecret && !variable.secret() && profile.isProduction()) {
      problems.add(
          new Problem(
              variable.name(),
              Problem.Kind.CONSTRAINT,
              "holds a value its source marks secret, and in production a secret may bind only to a Secret component",
              origin,
              "declare it as a Secret, or have the source hold it as a plain value"));
      return null;
    }
    Bound result = new Bound(value, text, origin, shadowed);
    bound.put(variable, result);
    return result;
  }

  private Problem missing(Schema.Variable variable, String emptyAt, boolean blank) {
    String message =
        variable.requiredIn().contains(profile) ? "required in " + profile + " but not set" : "required but not set";
    if (emptyAt != null && blank) {
      message += " (" + emptyAt + " has " + variable.name() + "= with nothing after it, which counts as unset, as in a"
          + " copied .env.example; write " + variable.name() + "=\"\" for an empty value)";
    } else if (emptyAt != null) {
      message += " (it is empty in " + emptyAt + ", and an empty value counts as unset for this type: " + variable.type().describe() + ")";
    }
    return new Problem(variable.name(), Problem.Kind.MISSING, message, "looked in: " + lookedInFor.getOrDefault(variable.name(), lookedIn));
  }

  /** Returns how a value is quoted in a message: never for a secret, shortened otherwise. */
  String shown(Schema.Variable variable, String text) {
    if (variable.secret()) {
      return "the secret value";
    }
    return "'" + shorten(variable, text) + "'";
  }

  /**
   * Returns {@code text} on one line, with known secrets masked (before cutting, so that no part of
   * one survives), cut to a length that fits a table.
   */
  public String shorten(Schema.Variable variable, String text) {
    String line = redactor.apply(text, variable.unmasked()).replace("\n", "\\n").replace("\r", "\\r");
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
      problems.add(new Problem(group.label(), Problem.Kind.CONSTRAINT, message(violation, holdsSecrets(group), "record"), origins(group)));
      return;
    }
    for (Object member : group.members()) {
      if (member instanceof Schema.Variable variable && variable.component().getName().equals(first.getName())
          && first.getKind() == ElementKind.PROPERTY) {
        Bound value = bound.get(variable);
        String origin = value == null ? "" : value.origin();
        String element = path.hasNext() ? ConstraintMessages.element(path.next(), variable, value, violation) : "";
        boolean secret = variable.secret() || (value != null && redactor.reveals(value.text()));
        problems.add(new Problem(variable.name(), Problem.Kind.CONSTRAINT, element + message(violation, secret, "value"), origin));
        return;
      }
      // A constraint on the nested record component itself is reported for that group; a violation
      // deeper inside it (reached through @Valid) is not, since each group is validated on its own.
      if (member instanceof Schema.Group nested && first.getName().equals(nested.component())) {
        if (!path.hasNext()) {
          problems.add(new Problem(nested.label(), Problem.Kind.CONSTRAINT, message(violation, holdsSecrets(nested), "record"), origins(nested)));
        }
        return;
      }
    }
    // A getter's constraint: isPoolOrdered() is the property poolOrdered.
    problems.add(new Problem(group.label(), Problem.Kind.CONSTRAINT, first.getName() + ": " + message(violation, holdsSecrets(group), "record"), origins(group)));
  }

  /**
   * Returns a violation's message, withheld where it may quote part of a secret (masking would miss a
   * fragment): a custom validator's message about a value or record that is, holds or derives from one.
   */
  private static String message(ConstraintViolation<Object> violation, boolean secret, String holder) {
    return secret && ConstraintMessages.mayQuoteValue(violation)
        ? ConstraintMessages.withheld(violation, holder)
        : ConstraintMessages.of(violation);
  }

}
