package dev.envelope.internal.validate;

import dev.envelope.internal.schema.AnnotationData;
import dev.envelope.internal.schema.Schema;
import dev.envelope.internal.schema.TypeUse;
import dev.envelope.internal.schema.ValueType;
import dev.envelope.internal.startup.RecordAnnotations;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sorts a schema's constraints, while the schema is read, into those Envelope evaluates itself
 * ({@link BuiltinConstraints}) and, if any is not among them, marks the schema as needing Hibernate
 * Validator, which then checks every constraint. Every constraint Hibernate Validator would enforce
 * on the record instances is one or the other: on a component, on a type argument of its type, on a
 * getter, on the record class, or in a type reached through {@code @Valid}.
 */
public final class ConstraintPlan {
  private static final String VALID = "jakarta.validation.Valid";
  private static final String GROUP_SEQUENCE = "jakarta.validation.GroupSequence";
  private static final String GROUP_SEQUENCE_PROVIDER = "org.hibernate.validator.group.GroupSequenceProvider";

  private boolean needsValidator;
  private final Set<Class<?>> constrainedClasses = new LinkedHashSet<>();
  private final List<List<AnnotationData>> sources = new ArrayList<>();

  /** The constraints of one variable: on its value, on each element (or map value), on each map key. */
  public record Placed(List<AnnotationData> value, List<AnnotationData> elements, List<AnnotationData> keys) {
    static final Placed NONE = new Placed(List.of(), List.of(), List.of());
  }

  public boolean needsValidator() {
    return needsValidator;
  }

  public Set<Class<?>> constrainedClasses() {
    return constrainedClasses;
  }

  public List<List<AnnotationData>> sources() {
    return sources;
  }

  /** Marks the schema as needing the validator for the constraints {@code annotations} of {@code owner}. */
  public void needValidator(Class<?> owner, List<AnnotationData> annotations) {
    needsValidator = true;
    constrainedClasses.add(owner);
    sources.add(annotations);
  }

  /**
   * Reads what applies to the record class {@code type} as a whole: class-level constraints, a
   * redefined default group, constraints inherited from interfaces. All of these are the validator's.
   */
  public void record(Class<?> type, RecordAnnotations annotations) {
    List<AnnotationData> own = annotations.annotations();
    if (Constraints.present(own)
        || RecordAnnotations.find(own, GROUP_SEQUENCE) != null
        || RecordAnnotations.find(own, GROUP_SEQUENCE_PROVIDER) != null) {
      needValidator(type, own);
    }
    for (Class<?> implemented : type.getInterfaces()) {
      if (declaresAnnotations(implemented)) {
        needValidator(type, reflected(implemented));
      }
    }
  }

  /** Places the constraints of a variable's component, of type {@code type}, declared in {@code owner}. */
  public Placed variable(Class<?> owner, List<AnnotationData> field, List<TypeUse> uses, ValueType type) {
    List<AnnotationData> value = new ArrayList<>(2);
    List<AnnotationData> elements = new ArrayList<>(0);
    List<AnnotationData> keys = new ArrayList<>(0);
    boolean any = false;
    for (AnnotationData annotation : constraints(field)) {
      any = true;
      if (annotation.type().equals(VALID) && type.collection()) {
        place(owner, annotation, type.elementClass(), value, field); // cascades into each element
      } else {
        place(owner, annotation, type.innerClass(), value, field);
      }
    }
    for (TypeUse use : uses) {
      if (!Constraints.isConstraint(use.annotation())) {
        continue;
      }
      any = true;
      String place = place(use.path(), type);
      List<AnnotationData> annotations = List.of(use.annotation());
      for (AnnotationData annotation : constraints(annotations)) {
        if (place.equals("value")) {
          place(owner, annotation, type.innerClass(), value, annotations);
        } else if (place.equals("element")) {
          place(owner, annotation, type.elementClass(), elements, annotations);
        } else if (place.equals("key")) {
          place(owner, annotation, String.class, keys, annotations);
        } else {
          needValidator(owner, annotations);
        }
      }
    }
    if (!any) {
      return Placed.NONE;
    }
    constrainedClasses.add(owner);
    sources.add(field);
    List<AnnotationData> inTypeArguments = new ArrayList<>(uses.size());
    for (TypeUse use : uses) {
      inTypeArguments.add(use.annotation());
    }
    sources.add(inTypeArguments);
    return new Placed(List.copyOf(value), List.copyOf(elements), List.copyOf(keys));
  }

  /**
   * Places the constraints on a component that holds a nested group: {@code @Valid} there changes
   * nothing, since every group is validated; any other constraint is the validator's.
   */
  public void group(Class<?> owner, List<AnnotationData> field) {
    for (AnnotationData annotation : field) {
      if (Constraints.isConstraint(annotation) && !annotation.type().equals(VALID)) {
        needValidator(owner, field);
        return;
      }
    }
  }

  /**
   * Returns the getters of {@code type} that carry constraints (the JavaBeans getters Hibernate
   * Validator reads: {@code getX()} returning a value, {@code isX()} and {@code hasX()} returning
   * {@code boolean}). A component's accessor is one if its name makes it one: {@code isActive()} of
   * the component {@code isActive} is the property {@code active}, validated as well as the field.
   */
  public List<Schema.Getter> getters(Class<?> type, RecordAnnotations annotations) {
    if (annotations.methods().isEmpty() && annotations.methodTypeUses().isEmpty()) {
      return List.of();
    }
    List<Schema.Getter> getters = new ArrayList<>(1);
    Set<String> names = new LinkedHashSet<>(annotations.methods().keySet());
    names.addAll(annotations.methodTypeUses().keySet());
    for (String name : names) {
      List<AnnotationData> declared = annotations.methods().getOrDefault(name, List.of());
      List<TypeUse> uses = annotations.methodTypeUses().getOrDefault(name, List.of());
      boolean constrainedUses = false;
      for (TypeUse use : uses) {
        constrainedUses |= Constraints.isConstraint(use.annotation());
      }
      List<AnnotationData> constraints = constraints(declared);
      if (constraints.isEmpty() && !constrainedUses) {
        continue;
      }
      Method method;
      try {
        method = type.getDeclaredMethod(name);
      } catch (NoSuchMethodException e) {
        continue;
      }
      String property = property(method);
      if (property == null) {
        continue; // constraints on other methods are method validation's, not the instance's
      }
      if (constrainedUses || !method.trySetAccessible()) {
        needValidator(type, declared);
        continue;
      }
      List<AnnotationData> builtin = new ArrayList<>(constraints.size());
      for (AnnotationData constraint : constraints) {
        place(type, constraint, method.getReturnType(), builtin, declared);
      }
      constrainedClasses.add(type);
      sources.add(declared);
      getters.add(new Schema.Getter(property, method, List.copyOf(builtin)));
    }
    return getters;
  }

  /**
   * Adds {@code constraint} to {@code evaluated} if Envelope evaluates it on a value of class {@code
   * target}, or else marks the schema as needing the validator; a constraint outside the default
   * group is neither, as a validation of the default group does not apply it. {@code @Valid}
   * cascades into {@code target}: the validator's, with the classes it reaches.
   */
  private void place(Class<?> owner, AnnotationData constraint, Class<?> target, List<AnnotationData> evaluated,
      List<AnnotationData> declaredWith) {
    if (constraint.type().equals(VALID)) {
      needValidator(owner, declaredWith);
      cascade(target, new LinkedHashSet<>());
    } else if (!BuiltinConstraints.inDefaultGroup(constraint)) {
      sources.add(List.of(constraint));
    } else if (BuiltinConstraints.supports(constraint, target)) {
      evaluated.add(constraint);
    } else {
      needValidator(owner, declaredWith);
    }
  }

  /**
   * Prepares the validator for a type reached through {@code @Valid} that is not a group of the
   * schema (one a converter builds): the predefined-scope bootstrap knows only the classes it is
   * given, and would skip the constraints of any other.
   */
  private void cascade(Class<?> type, Set<Class<?>> seen) {
    if (type.isPrimitive() || type.getName().startsWith("java.") || !seen.add(type)) {
      return;
    }
    constrainedClasses.add(type);
    for (Class<?> c = type; c != null && c != Object.class && c != Record.class; c = c.getSuperclass()) {
      sources.add(reflected(c));
      for (Field field : c.getDeclaredFields()) {
        if (field.isAnnotationPresent(jakarta.validation.Valid.class)) {
          cascade(field.getType(), seen);
        }
      }
    }
  }

  /**
   * Returns where the type annotation at {@code path} applies in a value of {@code type}: to the
   * value itself (inside {@code Optional} or {@code Secret}), to each element of a list or set or
   * value of a map, to each map key, or somewhere Envelope does not look ({@code "other"}).
   */
  private static String place(String path, ValueType type) {
    String[] steps = path.split("/");
    int step = 0;
    if (type.optionality() == ValueType.Optionality.OPTIONAL) {
      if (!"0".equals(steps[step])) {
        return "other";
      }
      step++;
    }
    if (type.secret() && step < steps.length) {
      if (!"0".equals(steps[step])) {
        return "other";
      }
      step++;
    }
    if (step == steps.length) {
      return "value";
    }
    if (!type.collection() || step != steps.length - 1) {
      return "other";
    }
    boolean map = type.innerClass() == Map.class;
    if (steps[step].equals("0")) {
      return map ? "key" : "element";
    }
    return map && steps[step].equals("1") ? "element" : "other";
  }

  /** Returns the constraints among {@code annotations}, those of a container such as {@code @Pattern.List} unpacked. */
  private static List<AnnotationData> constraints(List<AnnotationData> annotations) {
    List<AnnotationData> found = new ArrayList<>(annotations.size());
    for (AnnotationData annotation : annotations) {
      if (!Constraints.isConstraint(annotation)) {
        continue;
      }
      if (Constraints.isBuiltin(annotation.type()) && annotation.type().indexOf('$') >= 0) {
        for (Object repeated : (List<?>) annotation.attribute("value")) {
          found.add((AnnotationData) repeated);
        }
      } else {
        found.add(annotation);
      }
    }
    return found;
  }

  /** Returns the property a getter stands for, by Hibernate Validator's rules; null if {@code method} is none. */
  static String property(Method method) {
    String name = method.getName();
    Class<?> returned = method.getReturnType();
    String rest;
    if (name.startsWith("get") && returned != void.class) {
      rest = name.substring(3);
    } else if ((name.startsWith("is") || name.startsWith("has")) && returned == boolean.class) {
      rest = name.substring(name.startsWith("is") ? 2 : 3);
    } else {
      return null;
    }
    if (rest.isEmpty() || rest.length() > 1 && Character.isUpperCase(rest.charAt(0)) && Character.isUpperCase(rest.charAt(1))) {
      return rest;
    }
    return Character.toLowerCase(rest.charAt(0)) + rest.substring(1);
  }

  private static boolean declaresAnnotations(Class<?> type) {
    if (type.getName().startsWith("java.")) {
      return false;
    }
    if (type.getDeclaredAnnotations().length > 0) {
      return true;
    }
    for (Method method : type.getDeclaredMethods()) {
      if (method.getDeclaredAnnotations().length > 0 || method.getAnnotatedReturnType().getAnnotations().length > 0) {
        return true;
      }
    }
    for (Class<?> parent : type.getInterfaces()) {
      if (declaresAnnotations(parent)) {
        return true;
      }
    }
    return false;
  }

  /** Returns every annotation of {@code type}, its fields and its methods, read by reflection. */
  private static List<AnnotationData> reflected(Class<?> type) {
    List<AnnotationData> all = new ArrayList<>();
    add(type, all);
    for (Field field : type.getDeclaredFields()) {
      add(field, all);
      for (java.lang.annotation.Annotation annotation : field.getAnnotatedType().getAnnotations()) {
        all.add(AnnotationData.of(annotation));
      }
      List<TypeUse> uses = new ArrayList<>();
      RecordAnnotations.collectTypeArguments(field.getAnnotatedType(), "", false, uses);
      for (TypeUse use : uses) {
        all.add(use.annotation());
      }
    }
    for (Method method : type.getDeclaredMethods()) {
      if (!Modifier.isStatic(method.getModifiers())) {
        add(method, all);
      }
    }
    return all;
  }

  private static void add(AnnotatedElement element, List<AnnotationData> all) {
    for (java.lang.annotation.Annotation annotation : element.getDeclaredAnnotations()) {
      all.add(AnnotationData.of(annotation));
    }
  }
}
