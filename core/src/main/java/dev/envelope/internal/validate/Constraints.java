package dev.envelope.internal.validate;

import dev.envelope.internal.schema.AnnotationData;
import dev.envelope.internal.schema.Schema;
import dev.envelope.internal.startup.AnnotationTypes;
import java.util.List;
import java.util.Set;

/**
 * Finds Jakarta Validation constraints on a schema without loading the validator, so that a schema
 * without constraints never pays for bootstrapping it.
 */
public final class Constraints {
  private static final String VALID = "jakarta.validation.Valid";

  private static final Set<String> ENVELOPE_ANNOTATIONS =
      Set.of(
          Schema.NAME,
          Schema.PREFIX,
          Schema.DEFAULT,
          Schema.DEFAULT_IN,
          Schema.DEFAULT_IN_LIST,
          Schema.REQUIRED_IN,
          Schema.DESCRIPTION);

  private Constraints() {}

  public static boolean present(List<AnnotationData> annotations) {
    for (AnnotationData annotation : annotations) {
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
  public static void collectNames(List<AnnotationData> annotations, Set<String> names) {
    for (AnnotationData annotation : annotations) {
      if (!isConstraint(annotation) || annotation.type().equals(VALID)) {
        continue;
      }
      AnnotationTypes.Facts facts = AnnotationTypes.facts(annotation.type(), annotation.loader(), annotation.files());
      if (facts != null && !facts.constraint()) {
        collectNames(nested(annotation), names); // a container such as @Pattern.List
      } else if (names.add(annotation.type()) && facts != null) {
        collectNames(facts.annotations(), names);
      }
    }
  }

  /** Returns the annotations a container such as {@code @Pattern.List} holds in {@code value()}. */
  private static List<AnnotationData> nested(AnnotationData annotation) {
    Object value = annotation.values().get("value");
    if (!(value instanceof List<?> list) || list.isEmpty()) {
      return List.of();
    }
    for (Object element : list) {
      if (!(element instanceof AnnotationData)) {
        return List.of();
      }
    }
    @SuppressWarnings("unchecked")
    List<AnnotationData> annotations = (List<AnnotationData>) list;
    return annotations;
  }

  static boolean isConstraint(AnnotationData annotation) {
    String name = annotation.type();
    if (name.equals(VALID)) {
      return true;
    }
    // Known packages are answered by name, without reading the type's class file.
    if (ENVELOPE_ANNOTATIONS.contains(name) || name.startsWith("java.")) {
      return false;
    }
    if (isBuiltin(name)) {
      return name.indexOf('$') < 0 || present(nested(annotation));
    }
    AnnotationTypes.Facts facts = AnnotationTypes.facts(name, annotation.loader(), annotation.files());
    if (facts != null && facts.constraint()) {
      return true;
    }
    return present(nested(annotation));
  }

  /** Returns whether {@code name} is one of Envelope's own annotation types. */
  public static boolean isEnvelopeAnnotation(String name) {
    return ENVELOPE_ANNOTATIONS.contains(name);
  }

  /** Returns whether {@code name} is in the packages of Jakarta's and Hibernate's built-in constraints. */
  public static boolean isBuiltin(String name) {
    return name.startsWith("jakarta.validation.constraints.") || name.startsWith("org.hibernate.validator.constraints.");
  }

  /** Returns whether {@code @NotBlank} or {@code @NotEmpty} is among {@code annotations}. */
  public static boolean forbidsEmpty(List<AnnotationData> annotations) {
    for (AnnotationData annotation : annotations) {
      String name = annotation.type();
      if (name.equals("jakarta.validation.constraints.NotBlank") || name.equals("jakarta.validation.constraints.NotEmpty")) {
        return true;
      }
    }
    return false;
  }
}
