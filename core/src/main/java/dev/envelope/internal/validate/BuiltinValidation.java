package dev.envelope.internal.validate;

import dev.envelope.Secret;
import dev.envelope.internal.schema.AnnotationData;
import dev.envelope.internal.schema.Schema;
import dev.envelope.internal.startup.DirectCalls;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Applies the constraints {@link Schema} placed for Envelope to evaluate: those on a variable's
 * value, on its elements and map keys, and on a record's getters.
 *
 * <p>An element's problem names the element: {@code [2] must be a valid URL} for the third item of a
 * list or set (counted from 0, in the order written), {@code [eu] must be greater than 0} for the
 * value of the map key {@code eu}, {@code key [eu] …} for the key itself; a secret map's entries are
 * named by position, so that no part of it is shown. A constraint on an {@code Optional} applies only
 * when a value is present.
 */
public final class BuiltinValidation {
  private BuiltinValidation() {}

  /** Returns the messages of the violations of {@code variable}'s constraints by its bound {@code value}. */
  public static List<String> violations(Schema.Variable variable, Object value, boolean jdkUrlHandlers) {
    if (variable.constraints().isEmpty() && variable.elementConstraints().isEmpty() && variable.keyConstraints().isEmpty()) {
      return List.of();
    }
    Object inner = unwrap(value);
    if (inner == null) {
      return List.of(); // an unset optional: its constraints apply to a value when there is one
    }
    List<String> messages = new ArrayList<>(1);
    check(variable.constraints(), inner, "", messages, jdkUrlHandlers);
    if (inner instanceof Map<?, ?> map) {
      int position = 0;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        String label = variable.secret() ? "[" + position + "] " : "[" + entry.getKey() + "] ";
        check(variable.keyConstraints(), entry.getKey(), "key " + label, messages, jdkUrlHandlers);
        check(variable.elementConstraints(), entry.getValue(), label, messages, jdkUrlHandlers);
        position++;
      }
    } else if (inner instanceof Collection<?> elements) {
      int index = 0;
      for (Object element : elements) {
        check(variable.elementConstraints(), element, "[" + index + "] ", messages, jdkUrlHandlers);
        index++;
      }
    }
    return messages;
  }

  /**
   * Returns the messages of the violations of {@code getter}'s constraints by the value it returns
   * from {@code instance}, each prefixed with the property: {@code poolOrdered: must be true}.
   *
   * @throws IllegalStateException if the getter throws (its message is not repeated: it may quote values)
   */
  public static List<String> violations(Schema.Getter getter, Object instance, boolean jdkUrlHandlers) {
    Object value;
    try {
      value = DirectCalls.get(getter.method(), instance);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(getter.method().getName() + "() threw " + e.getCause().getClass().getName());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot call " + getter.method().getName() + "(): " + e.getMessage());
    }
    List<String> messages = new ArrayList<>(1);
    check(getter.constraints(), value, getter.property() + ": ", messages, jdkUrlHandlers);
    return messages;
  }

  private static void check(List<AnnotationData> constraints, Object value, String label, List<String> messages,
      boolean jdkUrlHandlers) {
    for (AnnotationData constraint : constraints) {
      String message = BuiltinConstraints.violation(constraint, value, jdkUrlHandlers);
      if (message != null) {
        messages.add(label + message);
      }
    }
  }

  /** Returns the value inside any optional or secret wrapper; null for an empty optional. */
  public static Object unwrap(Object value) {
    Object inner = value;
    if (inner instanceof Optional<?> optional) {
      inner = optional.orElse(null);
    } else if (inner instanceof OptionalInt optional) {
      inner = optional.isPresent() ? optional.getAsInt() : null;
    } else if (inner instanceof OptionalLong optional) {
      inner = optional.isPresent() ? optional.getAsLong() : null;
    } else if (inner instanceof OptionalDouble optional) {
      inner = optional.isPresent() ? optional.getAsDouble() : null;
    }
    return inner instanceof Secret<?> secret ? secret.reveal() : inner;
  }
}
