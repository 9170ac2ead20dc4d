package dev.envelope.internal.schema;

import dev.envelope.Converter;
import dev.envelope.Problem;
import dev.envelope.Profile;
import dev.envelope.internal.startup.ClassBytes;
import dev.envelope.internal.startup.RecordAnnotations;
import dev.envelope.internal.validate.ConstraintPlan;
import dev.envelope.internal.validate.Constraints;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Describes a schema: its variables and nested groups, in component order, built from a record
 * class. Mistakes in the schema are collected as {@code SCHEMA} problems, not thrown.
 */
public final class Schema {
  // Envelope's annotations by name, as the class-file reader reports them.
  public static final String NAME = "dev.envelope.Name";
  public static final String PREFIX = "dev.envelope.Prefix";
  public static final String DEFAULT = "dev.envelope.Default";
  public static final String DEFAULT_IN = "dev.envelope.DefaultIn";
  public static final String DEFAULT_IN_LIST = "dev.envelope.DefaultIn$List";
  public static final String REQUIRED_IN = "dev.envelope.RequiredIn";
  public static final String DESCRIPTION = "dev.envelope.Description";
  static final String UNMASKED = "dev.envelope.Unmasked";

  /** The variable that names the profile, and that a {@code Profile} component receives. */
  public static final String PROFILE_VARIABLE = "APP_ENV";

  private final Class<?> type;
  private final Group root;
  private final List<Variable> variables = new ArrayList<>();
  private final List<Problem> problems = new ArrayList<>();
  private final ConstraintPlan constraints = new ConstraintPlan();
  private final Map<String, String> claimedBy = new HashMap<>();

  private Schema(Class<?> type, Map<Class<?>, Converter<?>> converters) {
    this.type = type;
    try (ClassBytes files = new ClassBytes()) {
      this.root = group(type, "", type.getSimpleName(), null, converters, new LinkedHashSet<>(), files);
    }
  }

  /** Returns the schema of {@code type}; check {@link #problems()} before using it. */
  public static Schema of(Class<?> type, Map<Class<?>, Converter<?>> converters) {
    return new Schema(type, converters);
  }

  /** Returns the record class. */
  public Class<?> type() {
    return type;
  }

  /** Returns the root group, or null if the type is not a record. */
  public Group root() {
    return root;
  }

  /** Returns every variable, depth first in component order. */
  public List<Variable> variables() {
    return variables;
  }

  /** Returns the schema's mistakes; empty when the schema is usable. */
  public List<Problem> problems() {
    return problems;
  }

  /**
   * Returns whether some constraint needs Hibernate Validator; when not, every constraint is a
   * variable's {@link Variable#constraints()} and {@link BuiltinConstraints} evaluates it.
   */
  public boolean needsValidator() {
    return constraints.needsValidator();
  }

  /**
   * Returns the type names of the constraint annotations the schema uses, composed ones included;
   * computed on demand, since it reads the constraints' own meta-annotations.
   */
  public Set<String> constraintNames() {
    Set<String> names = new LinkedHashSet<>();
    for (List<AnnotationData> annotations : constraints.sources()) {
      Constraints.collectNames(annotations, names);
    }
    return names;
  }

  /**
   * Returns the classes that carry Jakarta Validation constraints: record classes (root or nested),
   * and types reached through {@code @Valid}.
   */
  public Set<Class<?>> constrainedClasses() {
    return constraints.constrainedClasses();
  }

  private Group group(
      Class<?> recordType,
      String prefix,
      String label,
      String holder,
      Map<Class<?>, Converter<?>> converters,
      Set<Class<?>> path,
      ClassBytes files) {
    if (!recordType.isRecord()) {
      problems.add(schemaProblem(label, recordType.getName() + " is not a record: a schema is a record, and each group a nested record"));
      return null;
    }
    if (!path.add(recordType)) {
      problems.add(schemaProblem(label, recordType.getSimpleName() + " contains itself: nested groups cannot be recursive"));
      return null;
    }
    RecordAnnotations annotations = RecordAnnotations.of(recordType, files);
    constraints.record(recordType, annotations);
    List<Object> members = new ArrayList<>();
    for (RecordComponent component : recordType.getRecordComponents()) {
      Object member = member(recordType, annotations, component, prefix, converters, path, files);
      if (member != null) {
        members.add(member);
      }
    }
    path.remove(recordType);
    List<Getter> getters = constraints.getters(recordType, annotations);
    return new Group(recordType, prefix, label, holder, members, canonicalConstructor(recordType), getters);
  }

  private Object member(
      Class<?> owner,
      RecordAnnotations annotations,
      RecordComponent component,
      String prefix,
      Map<Class<?>, Converter<?>> converters,
      Set<Class<?>> path,
      ClassBytes files) {
    Class<?> raw = component.getType();
    List<AnnotationData> own = annotations.component(component.getName());
    List<AnnotationData> fieldAnnotations = annotations.field(component.getName());
    if (raw.isRecord() && !converters.containsKey(raw)) {
      constraints.group(owner, fieldAnnotations);
      AnnotationData explicit = RecordAnnotations.find(own, PREFIX);
      String groupPrefix = explicit != null ? explicit.string("value") : prefix + Names.variableName(component.getName()) + "_";
      return group(raw, groupPrefix, groupPrefix + "*", component.getName(), converters, path, files);
    }
    AnnotationData explicitName = RecordAnnotations.find(own, NAME);
    // A Profile component receives the active profile, which APP_ENV names, wherever it is declared.
    String derived = raw == Profile.class ? PROFILE_VARIABLE : prefix + Names.variableName(component.getName());
    String name = explicitName != null ? explicitName.string("value") : derived;
    String where = owner.getSimpleName() + "." + component.getName();
    String earlier = claimedBy.putIfAbsent(name, where);
    if (earlier != null) {
      problems.add(schemaProblem(name, "both " + earlier + " and " + where + " map to " + name + ": rename one with @Name"));
      return null;
    }
    List<TypeUse> typeUses = annotations.typeUses(component.getName());
    if (raw == Profile.class) {
      if (Constraints.present(fieldAnnotations) || Constraints.present(annotations.typeArguments(component.getName()))) {
        constraints.needValidator(owner, fieldAnnotations);
      }
      Variable variable = new Variable(name, component, null, null, Map.of(), Set.of(), description(own), true, false,
          false, List.of(), List.of(), List.of());
      variables.add(variable);
      return variable;
    }
    ValueType valueType;
    try {
      valueType = ValueType.of(annotations.type(component.getName()), converters);
    } catch (IllegalArgumentException e) {
      problems.add(schemaProblem(name, where + ": " + e.getMessage()));
      return null;
    }
    ConstraintPlan.Placed placed = constraints.variable(owner, fieldAnnotations, typeUses, valueType);
    Variable variable =
        new Variable(
            name,
            component,
            valueType,
            defaultValue(own, name, valueType),
            defaultsIn(own, name, valueType),
            requiredIn(own, name, valueType),
            description(own),
            false,
            Constraints.forbidsEmpty(fieldAnnotations),
            unmasked(own, name, valueType),
            placed.value(),
            placed.elements(),
            placed.keys());
    variables.add(variable);
    return variable;
  }

  private String defaultValue(List<AnnotationData> own, String name, ValueType valueType) {
    AnnotationData annotation = RecordAnnotations.find(own, DEFAULT);
    if (annotation == null) {
      return null;
    }
    if (valueType.secret()) {
      problems.add(schemaProblem(name, "@Default is not allowed on a Secret: a secret written in the source code is not a secret (use @DefaultIn for development or test)"));
      return null;
    }
    return annotation.string("value");
  }

  private Map<Profile, String> defaultsIn(List<AnnotationData> own, String name, ValueType valueType) {
    Map<Profile, String> defaults = new LinkedHashMap<>();
    for (AnnotationData annotation : RecordAnnotations.findAll(own, DEFAULT_IN, DEFAULT_IN_LIST)) {
      Profile profile;
      try {
        profile = Profile.of(annotation.string("profile"));
      } catch (IllegalArgumentException e) {
        problems.add(schemaProblem(name, "@DefaultIn: " + e.getMessage()));
        continue;
      }
      if (valueType.secret() && !(profile.equals(Profile.DEVELOPMENT) || profile.equals(Profile.TEST))) {
        problems.add(schemaProblem(name, "@DefaultIn(profile = \"" + profile + "\") is not allowed on a Secret: only development and test may have a secret default"));
        continue;
      }
      if (defaults.putIfAbsent(profile, annotation.string("value")) != null) {
        problems.add(schemaProblem(name, "@DefaultIn is given twice for profile " + profile));
      }
    }
    return defaults;
  }

  private Set<Profile> requiredIn(List<AnnotationData> own, String name, ValueType valueType) {
    AnnotationData annotation = RecordAnnotations.find(own, REQUIRED_IN);
    if (annotation == null) {
      return Set.of();
    }
    if (valueType.optionality() == ValueType.Optionality.REQUIRED) {
      problems.add(schemaProblem(name, "@RequiredIn is only meaningful on an Optional component: this one is required in every profile already"));
      return Set.of();
    }
    Set<Profile> profiles = new LinkedHashSet<>();
    for (Object profile : (List<?>) annotation.attribute("value")) {
      try {
        profiles.add(Profile.of((String) profile));
      } catch (IllegalArgumentException e) {
        problems.add(schemaProblem(name, "@RequiredIn: " + e.getMessage()));
      }
    }
    return profiles;
  }

  private boolean unmasked(List<AnnotationData> own, String name, ValueType valueType) {
    if (RecordAnnotations.find(own, UNMASKED) == null) {
      return false;
    }
    if (valueType.secret()) {
      problems.add(schemaProblem(name, "@Unmasked is not allowed on a Secret: a secret is never shown, in part or whole"));
      return false;
    }
    return true;
  }

  private static String description(List<AnnotationData> own) {
    AnnotationData annotation = RecordAnnotations.find(own, DESCRIPTION);
    return annotation == null ? "" : annotation.string("value");
  }

  private Constructor<?> canonicalConstructor(Class<?> recordType) {
    RecordComponent[] components = recordType.getRecordComponents();
    Class<?>[] parameterTypes = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      parameterTypes[i] = components[i].getType();
    }
    try {
      Constructor<?> constructor = recordType.getDeclaredConstructor(parameterTypes);
      constructor.setAccessible(true);
      return constructor;
    } catch (NoSuchMethodException | RuntimeException e) {
      problems.add(schemaProblem(recordType.getSimpleName(), "cannot access the canonical constructor of " + recordType.getName() + ": " + e.getMessage()));
      return null;
    }
  }

  private static Problem schemaProblem(String variable, String message) {
    return new Problem(variable, Problem.Kind.SCHEMA, message, "schema");
  }

  /**
   * One variable: a leaf component of the schema.
   *
   * @param name the variable's name
   * @param component the record component it fills
   * @param type its type, or null for the profile component
   * @param defaultValue its {@code @Default}, or null
   * @param defaultsIn its {@code @DefaultIn} values by profile
   * @param requiredIn the profiles in which an optional component is required
   * @param description its {@code @Description}, or empty
   * @param profile whether the component receives the active profile rather than a value
   * @param forbidsEmpty whether {@code @NotBlank} or {@code @NotEmpty} makes an empty string unset
   * @param unmasked whether {@code @Unmasked} shows the user information of URIs in its value
   * @param constraints the constraints on its value (inside any optional or secret wrapper) that
   *     Envelope evaluates
   * @param elementConstraints those on each element of a list or set, or each value of a map
   * @param keyConstraints those on each key of a map
   */
  public record Variable(
      String name,
      RecordComponent component,
      ValueType type,
      String defaultValue,
      Map<Profile, String> defaultsIn,
      Set<Profile> requiredIn,
      String description,
      boolean profile,
      boolean forbidsEmpty,
      boolean unmasked,
      List<AnnotationData> constraints,
      List<AnnotationData> elementConstraints,
      List<AnnotationData> keyConstraints) {

    /** Returns whether the value is a {@link dev.envelope.Secret}. */
    public boolean secret() {
      return type != null && type.secret();
    }

    /**
     * Compares by identity: a variable is one place in one schema.
     */
    @Override
    public boolean equals(Object other) {
      return this == other;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(this);
    }
  }

  /**
   * One group: the root record or a nested one.
   *
   * @param type the record class
   * @param prefix the prefix of its variables
   * @param label how problems of the whole group are labelled: {@code DATABASE_*}, or the schema name
   * @param component the name of the record component that holds the group, or null for the root
   * @param members its variables and groups, in component order
   * @param constructor its canonical constructor
   * @param getters its getters that carry constraints Envelope evaluates
   */
  public record Group(
      Class<?> type,
      String prefix,
      String label,
      String component,
      List<Object> members,
      Constructor<?> constructor,
      List<Getter> getters) {}

  /**
   * A getter whose constraints apply to the record, as Hibernate Validator applies them: {@code
   * isPoolOrdered()} for a cross-field rule.
   *
   * @param property the property it stands for ({@code poolOrdered})
   * @param method the method, made accessible
   * @param constraints its constraints that Envelope evaluates
   */
  public record Getter(String property, java.lang.reflect.Method method, List<AnnotationData> constraints) {}
}
