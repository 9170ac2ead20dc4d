package dev.envelope;

import dev.envelope.internal.BuiltinConstraints;
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
    return BuiltinConstraints.sizeMessage(
        (Integer) attributes.get("min"), (Integer) attributes.get("max"), violation.getInvalidValue());
  }
}
