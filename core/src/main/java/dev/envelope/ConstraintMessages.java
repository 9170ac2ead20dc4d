package dev.envelope;

import jakarta.validation.ConstraintViolation;
import java.util.Map;

/**
 * Words a few common violations the way people read them about environment variables: Hibernate
 * Validator's own {@code @Size} message reads "size must be between 32 and 2147483647" for a simple
 * minimum length. Other messages, and every custom message, are used as interpolated.
 */
final class ConstraintMessages {
  private static final String SIZE_TEMPLATE = "{jakarta.validation.constraints.Size.message}";

  private ConstraintMessages() {}

  static String of(ConstraintViolation<?> violation) {
    if (!SIZE_TEMPLATE.equals(violation.getMessageTemplate())) {
      return violation.getMessage();
    }
    Map<String, Object> attributes = violation.getConstraintDescriptor().getAttributes();
    int min = (Integer) attributes.get("min");
    int max = (Integer) attributes.get("max");
    String unit = violation.getInvalidValue() instanceof CharSequence ? "characters" : "items";
    if (max == Integer.MAX_VALUE) {
      return "must be at least " + min + " " + unit + " long";
    }
    if (min == 0) {
      return "must be at most " + max + " " + unit + " long";
    }
    return "must be between " + min + " and " + max + " " + unit + " long";
  }
}
