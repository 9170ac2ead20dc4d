package dev.envelope.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;

/**
 * Finds Jakarta Validation constraints on a schema without loading the validator, so that a schema
 * without constraints never pays for bootstrapping it.
 */
final class Constraints {
  private static final String CONSTRAINT = "jakarta.validation.Constraint";
  private static final String VALID = "jakarta.validation.Valid";

  private static final java.util.Set<Class<?>> ENVELOPE_ANNOTATIONS =
      java.util.Set.of(
          dev.envelope.Name.class,
          dev.envelope.Prefix.class,
          dev.envelope.Default.class,
          dev.envelope.DefaultIn.class,
          dev.envelope.DefaultIn.List.class,
          dev.envelope.RequiredIn.class,
          dev.envelope.Description.class);

  private Constraints() {}

  static boolean present(Annotation[] annotations) {
    for (Annotation annotation : annotations) {
      if (isConstraint(annotation)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Adds to {@code names} the type names of the constraints among {@code annotations}, and of the
   * constraints they are composed of: the validator's predefined-scope bootstrap prepares only those.
   */
  static void collectNames(Annotation[] annotations, java.util.Set<String> names) {
    for (Annotation annotation : annotations) {
      if (!isConstraint(annotation)) {
        continue;
      }
      Class<? extends Annotation> type = annotation.annotationType();
      if (type.getName().equals(VALID)) {
        continue;
      }
      if (isContainer(type, annotation)) {
        collectNames(nested(annotation), names);
      } else if (names.add(type.getName())) {
        collectNames(type.getAnnotations(), names);
      }
    }
  }

  /** Adds the constraint names used on type arguments, as in {@code List<@Email String>}. */
  static void collectTypeArgumentNames(AnnotatedType type, java.util.Set<String> names) {
    if (type instanceof AnnotatedParameterizedType parameterized) {
      for (AnnotatedType argument : parameterized.getAnnotatedActualTypeArguments()) {
        collectNames(argument.getAnnotations(), names);
        collectTypeArgumentNames(argument, names);
      }
    }
  }

  private static boolean isContainer(Class<? extends Annotation> type, Annotation annotation) {
    for (Annotation meta : type.getAnnotations()) {
      if (meta.annotationType().getName().equals(CONSTRAINT)) {
        return false;
      }
    }
    return nested(annotation).length > 0;
  }

  private static Annotation[] nested(Annotation annotation) {
    try {
      java.lang.reflect.Method value = annotation.annotationType().getMethod("value");
      Class<?> returned = value.getReturnType();
      if (!returned.isArray() || !returned.getComponentType().isAnnotation()) {
        return new Annotation[0];
      }
      return (Annotation[]) value.invoke(annotation);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return new Annotation[0];
    }
  }

  /** Returns whether a type argument carries a constraint, as in {@code List<@Email String>}. */
  static boolean presentInTypeArguments(AnnotatedType type) {
    if (!(type instanceof AnnotatedParameterizedType parameterized)) {
      return false;
    }
    for (AnnotatedType argument : parameterized.getAnnotatedActualTypeArguments()) {
      if (present(argument.getAnnotations()) || presentInTypeArguments(argument)) {
        return true;
      }
    }
    return false;
  }

  static boolean isConstraint(Annotation annotation) {
    Class<? extends Annotation> type = annotation.annotationType();
    String name = type.getName();
    if (name.equals(VALID)) {
      return true;
    }
    // Known packages are answered by name: reading a type's meta-annotations parses all of them
    // (loading @Repeatable's container, a composed constraint's parts), a cost on every cold start.
    if (ENVELOPE_ANNOTATIONS.contains(type)) {
      return false;
    }
    if (isBuiltin(name)) {
      return name.indexOf('$') < 0 || present(nested(annotation));
    }
    for (Annotation meta : type.getAnnotations()) {
      if (meta.annotationType().getName().equals(CONSTRAINT)) {
        return true;
      }
    }
    // A container of repeated constraints (@Pattern.List) holds constraints in value().
    return present(nested(annotation));
  }

  private static boolean isBuiltin(String name) {
    return name.startsWith("jakarta.validation.constraints.") || name.startsWith("org.hibernate.validator.constraints.");
  }

  /** Returns whether {@code @NotBlank} or {@code @NotEmpty} is among {@code annotations}. */
  static boolean forbidsEmpty(Annotation[] annotations) {
    for (Annotation annotation : annotations) {
      String name = annotation.annotationType().getName();
      if (name.equals("jakarta.validation.constraints.NotBlank") || name.equals("jakarta.validation.constraints.NotEmpty")) {
        return true;
      }
    }
    return false;
  }
}
