package dev.envelope;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.util.Objects;

/**
 * Holds a value that must never be printed: {@link #toString()} is {@code ****}, and Envelope's
 * errors, reports and logs show {@code ****} in its place. {@link #reveal()} returns the value.
 *
 * <p>Declare a schema component as {@code Secret<String>} (or {@code Secret<URI>}, {@code
 * Secret<byte[]>}, ...). Constraints on the component apply to the wrapped value: {@code @Size(min =
 * 32) Secret<String> jwtSecret} checks the length of the secret, and a violation is reported without
 * the value. Instances are immutable and thread-safe.
 *
 * @param <T> the type of the wrapped value
 */
public final class Secret<T> {
  private static final String MASK = "****";

  private final T value;

  private Secret(T value) {
    this.value = value;
  }

  /**
   * Returns a secret that wraps {@code value}.
   *
   * @throws NullPointerException if {@code value} is null
   */
  public static <T> Secret<T> of(T value) {
    return new Secret<>(Objects.requireNonNull(value, "value"));
  }

  /** Returns the wrapped value. Call it where the value is used, not where it is passed around. */
  public T reveal() {
    return value;
  }

  /** Returns {@code ****}, whatever the value. */
  @Override
  public String toString() {
    return MASK;
  }

  /**
   * Compares the wrapped values, in constant time for strings and byte arrays, so that records holding
   * secrets compare by value.
   */
  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof Secret<?> that)) {
      return false;
    }
    if (value instanceof byte[] mine && that.value instanceof byte[] theirs) {
      return MessageDigest.isEqual(mine, theirs);
    }
    if (value instanceof CharSequence mine && that.value instanceof CharSequence theirs) {
      return MessageDigest.isEqual(
          mine.toString().getBytes(UTF_8),
          theirs.toString().getBytes(UTF_8));
    }
    return value.equals(that.value);
  }

  /** Returns a constant, so that hash-based collections work without the hash telling anything. */
  @Override
  public int hashCode() {
    return value instanceof byte[] bytes ? bytes.length : 31;
  }
}
