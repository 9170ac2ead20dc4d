package dev.envelope.internal.docs;

import dev.envelope.Converter;
import dev.envelope.Description;
import dev.envelope.EnvException;
import dev.envelope.Profile;
import dev.envelope.internal.schema.ConverterDiscovery;
import dev.envelope.internal.schema.Schema;
import dev.envelope.internal.schema.ValueType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Describes a schema for generated documentation: one entry per variable, in schema order, with its
 * type, defaults and the profiles that require it, worked out by the same rules the loader applies.
 */
public final class EnvDocsModel {
  /** Shown instead of a secret's profile default: a secret never gets a value in generated files. */
  static final String SECRET_DEFAULT = "set, not shown";

  private final Class<?> type;
  private final String description;
  private final List<Entry> entries = new ArrayList<>();
  private final Schema schema;
  /** Groups entered since the last variable: they open before the next one. */
  private final List<Group> pendingGroups = new ArrayList<>();

  private EnvDocsModel(Class<? extends Record> type) {
    this.type = type;
    this.schema = Schema.of(type, discoveredConverters());
    if (!schema.problems().isEmpty()) {
      throw new EnvException(type.getSimpleName(), "any", schema.problems());
    }
    Description annotation = type.getAnnotation(Description.class);
    this.description = annotation == null ? "" : annotation.value();
    collect(schema.root(), true);
  }

  /**
   * Returns the model of {@code type}.
   *
   * @throws EnvException if the schema itself is not usable (the problems are of kind SCHEMA)
   */
  public static EnvDocsModel of(Class<? extends Record> type) {
    return new EnvDocsModel(type);
  }

  /** Returns the schema's name as written in source: {@code com.example.AppEnv}. */
  String schemaName() {
    String canonical = type.getCanonicalName();
    return canonical != null ? canonical : type.getName();
  }

  String simpleName() {
    return type.getSimpleName();
  }

  /** Returns the schema's {@link Description}, or empty. */
  String description() {
    return description;
  }

  /** Returns every variable, depth first in component order. */
  List<Entry> entries() {
    return entries;
  }

  /** Returns the names of the variables that must be set in {@code profile}, in schema order. */
  public List<String> requiredIn(Profile profile) {
    List<String> names = new ArrayList<>();
    for (Schema.Variable variable : schema.variables()) {
      if (required(variable, profile)) {
        names.add(variable.name());
      }
    }
    return names;
  }

  /** Returns the profiles named by {@code @RequiredIn} and {@code @DefaultIn}, in schema order. */
  public List<String> namedProfiles() {
    Set<String> names = new LinkedHashSet<>();
    for (Schema.Variable variable : schema.variables()) {
      variable.requiredIn().forEach(profile -> names.add(profile.name()));
      variable.defaultsIn().keySet().forEach(profile -> names.add(profile.name()));
    }
    return List.copyOf(names);
  }

  /**
   * One variable.
   *
   * @param name its name
   * @param type its type for people: {@code integer}, {@code secret string}
   * @param defaultValue its {@code @Default}, or null
   * @param profileDefaults its {@code @DefaultIn} values by profile name ({@link #SECRET_DEFAULT} for
   *     secrets)
   * @param required which profiles require it: {@code yes}, {@code yes, except in development}, {@code
   *     in production}, or {@code no}
   * @param requiredByDefault whether a profile the schema does not name requires it
   * @param secret whether it is a {@link Secret}
   * @param description its {@link Description}, or empty
   * @param groups the nested groups it opens, outermost first: empty unless it is the first variable
   *     of a group
   */
  record Entry(
      String name,
      String type,
      String defaultValue,
      Map<String, String> profileDefaults,
      String required,
      boolean requiredByDefault,
      boolean secret,
      String description,
      List<Group> groups) {}

  /** A nested group: its label ({@code DATABASE_*}) and description. */
  record Group(String label, String description) {}

  private void collect(Schema.Group group, boolean root) {
    if (!root) {
      Description annotation = group.type().getAnnotation(Description.class);
      pendingGroups.add(new Group(group.label(), annotation == null ? "" : annotation.value()));
    }
    for (Object member : group.members()) {
      if (member instanceof Schema.Group nested) {
        collect(nested, false);
      } else {
        entries.add(entry((Schema.Variable) member, List.copyOf(pendingGroups)));
        pendingGroups.clear();
      }
    }
  }

  private static Entry entry(Schema.Variable variable, List<Group> groups) {
    if (variable.profile()) {
      String description =
          variable.description().isEmpty()
              ? "The active profile: development, test, staging, production, or a custom name."
              : variable.description();
      return new Entry(Schema.PROFILE_VARIABLE, "profile", "development", Map.of(), "no", false, false, description, groups);
    }
    ValueType type = variable.type();
    Map<String, String> profileDefaults = new LinkedHashMap<>();
    variable.defaultsIn().forEach((profile, value) -> profileDefaults.put(profile.name(), type.secret() ? SECRET_DEFAULT : value));
    boolean requiredByDefault = type.optionality() == ValueType.Optionality.REQUIRED && !effective(variable.defaultValue(), type);
    return new Entry(
        variable.name(),
        type.describe(),
        variable.defaultValue(),
        profileDefaults,
        requirement(variable, requiredByDefault),
        requiredByDefault,
        type.secret(),
        variable.description(),
        groups);
  }

  /** Words for the profiles that require {@code variable}: the default case, then the exceptions. */
  private static String requirement(Schema.Variable variable, boolean requiredByDefault) {
    Set<Profile> named = new LinkedHashSet<>(variable.defaultsIn().keySet());
    named.addAll(variable.requiredIn());
    StringJoiner exceptions = new StringJoiner(", ");
    for (Profile profile : named) {
      if (required(variable, profile) != requiredByDefault) {
        exceptions.add(profile.name());
      }
    }
    if (requiredByDefault) {
      return exceptions.length() == 0 ? "yes" : "yes, except in " + exceptions;
    }
    return exceptions.length() == 0 ? "no" : "in " + exceptions;
  }

  /** Mirrors the loader: a profile default replaces {@code @Default}, and must itself be usable. */
  private static boolean required(Schema.Variable variable, Profile profile) {
    if (variable.profile()) {
      return false;
    }
    ValueType type = variable.type();
    String fallback = variable.defaultsIn().get(profile);
    if (fallback == null) {
      fallback = variable.defaultValue();
    }
    if (effective(fallback, type)) {
      return false;
    }
    return type.optionality() == ValueType.Optionality.REQUIRED || variable.requiredIn().contains(profile);
  }

  /** An empty default counts only where an empty value is a value: strings and collections. */
  private static boolean effective(String fallback, ValueType type) {
    return fallback != null && (!fallback.isEmpty() || type.emptyIsValue() || type.collection());
  }

  private static Map<Class<?>, Converter<?>> discoveredConverters() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    ClassLoader loader = context != null ? context : EnvDocsModel.class.getClassLoader();
    // Documentation only needs to name the types; an unusable converter is reported by loads.
    return ConverterDiscovery.discover(loader, new java.util.ArrayList<>());
  }
}
