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

  private Constraints() {}

  static boolean present(Annotation[] annotations) {
    for (Annotation annotation : annotations) {
      if (isConstraint(annotation)) {
        return true;
      }
    }
    return false;
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
    if (type.getName().equals(VALID)) {
      return true;
    }
    for (Annotation meta : type.getAnnotations()) {
      String name = meta.annotationType().getName();
      if (name.equals(CONSTRAINT)) {
        return true;
      }
    }
    // A container of repeated constraints (@Pattern.List) holds constraints in value().
    try {
      Object value = type.getMethod("value").invoke(annotation);
      if (value instanceof Annotation[] nested) {
        return present(nested);
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
    return false;
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
