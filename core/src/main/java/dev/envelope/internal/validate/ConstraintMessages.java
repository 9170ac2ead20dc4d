package dev.envelope.internal.validate;

import dev.envelope.internal.bind.Binder;
import dev.envelope.internal.schema.Schema;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.metadata.ConstraintDescriptor;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;

/**
 * Words Hibernate Validator's violations as Envelope's own evaluator does: its {@code @Size} message
 * reads "size must be between 32 and 2147483647" for a simple minimum length, and its {@code
 * ParameterMessageInterpolator} leaves {@code @DecimalMin}'s conditional unevaluated. Other messages,
 * and every custom message, are used as interpolated. An element's violation names the element as
 * {@link BuiltinValidation} does.
 */
public final class ConstraintMessages {
  private static final String SIZE_TEMPLATE = "{jakarta.validation.constraints.Size.message}";

  private ConstraintMessages() {}

  public static String of(ConstraintViolation<?> violation) {
    Map<String, Object> attributes = violation.getConstraintDescriptor().getAttributes();
    if (!SIZE_TEMPLATE.equals(violation.getMessageTemplate())) {
      return MessageTemplate.evaluateConditionals(violation.getMessage(), attributes);
    }
    return BuiltinConstraints.sizeMessage(
        (Integer) attributes.get("min"), (Integer) attributes.get("max"), violation.getInvalidValue());
  }

  /**
   * Returns whether a violation's message may quote the value it is about: it comes from a custom
   * constraint, whose validator is user code that may build its own template or add message
   * parameters, unless it is the constraint's declared message with nothing in it to interpolate.
   * Jakarta's and Hibernate Validator's own constraints interpolate only their attributes.
   */
  public static boolean mayQuoteValue(ConstraintViolation<?> violation) {
    ConstraintDescriptor<?> descriptor = violation.getConstraintDescriptor();
    String owner = descriptor.getAnnotation().annotationType().getPackageName();
    if (owner.equals("jakarta.validation.constraints") || owner.startsWith("org.hibernate.validator.constraints")) {
      return false;
    }
    String template = violation.getMessageTemplate();
    return !template.equals(descriptor.getMessageTemplate()) || template.indexOf('{') >= 0 || template.indexOf('$') >= 0;
  }

  /** Returns what replaces a message that may quote a secret: which constraint failed, and why it says no more. */
  public static String withheld(ConstraintViolation<?> violation, String holder) {
    return "fails @" + violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName()
        + " (the message is withheld: the " + holder + " holds a secret)";
  }

  /**
   * Returns how the element a violation's path reaches after the component is named, with a space:
   * {@code [2] } for a list's or set's, {@code [eu] } for a map value's, {@code key [eu] } for a map
   * key's (by position if the variable is a secret); empty for the value inside an optional.
   */
  public static String element(Path.Node node, Schema.Variable variable, Binder.Bound bound, ConstraintViolation<?> violation) {
    if (node.getKind() != ElementKind.CONTAINER_ELEMENT) {
      return "";
    }
    Object value = bound == null ? null : BuiltinValidation.unwrap(bound.value());
    if (node.getIndex() != null) {
      return "[" + node.getIndex() + "] ";
    }
    if (node.getKey() != null) {
      String key = variable.secret() && value instanceof Map<?, ?> map ? Integer.toString(position(map.keySet(), node.getKey())) : String.valueOf(node.getKey());
      return "<map key>".equals(node.getName()) ? "key [" + key + "] " : "[" + key + "] ";
    }
    if (node.isInIterable() && value instanceof Collection<?> elements) {
      return "[" + position(elements, violation.getInvalidValue()) + "] ";
    }
    return "";
  }

  private static int position(Collection<?> elements, Object element) {
    int index = 0;
    for (Object candidate : elements) {
      if (Objects.equals(candidate, element)) {
        return index;
      }
      index++;
    }
    return -1;
  }
}
