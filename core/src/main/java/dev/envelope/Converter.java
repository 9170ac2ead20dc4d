package dev.envelope;

/**
 * Converts a variable's text to a value of a custom type.
 *
 * <p>Register one with {@link Env.Builder#converter(Class, Converter)}, or list its class in {@code
 * META-INF/services/dev.envelope.Converter} together with {@link #type()} to have it discovered. A
 * converter throws {@link IllegalArgumentException} with a message that says what is expected (for
 * example {@code expected a host:port pair}); Envelope adds the variable, its origin and, unless the
 * variable is a secret, the value. For a secret the message is not shown at all (it might quote a
 * part of the value): the problem says only that the value is not a valid instance of the type.
 *
 * @param <T> the type produced
 */
@FunctionalInterface
public interface Converter<T> {
  /**
   * Returns the value that {@code text} stands for.
   *
   * @param text the variable's value, never null or empty
   * @throws IllegalArgumentException if {@code text} is not a valid value; the message says why
   */
  T convert(String text);

  /**
   * Returns the type this converter produces; only needed for converters discovered by {@link
   * java.util.ServiceLoader}. The default throws {@link UnsupportedOperationException}.
   */
  default Class<T> type() {
    throw new UnsupportedOperationException(
        getClass().getName() + " must override type() to be discovered by ServiceLoader");
  }
}
