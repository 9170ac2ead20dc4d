package dev.envelope.spi;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Bounds one provider's fetch: how many attempts a request gets ({@code maxAttempts}, the first
 * included), how long one attempt may take, body included ({@code attemptTimeout}), and how long the
 * whole fetch may take, retries and waits included ({@code timeout}). Every provider uses these three
 * words, on its builder and in its URI ({@code ?maxAttempts=3&attemptTimeout=5s&timeout=20s}).
 *
 * <p>A provider's {@code timeout} should fit inside the load's {@code providerTimeout} so that the
 * provider's own message ("throttled; asked to wait 3600 s") reaches the report rather than a generic
 * time-out. Immutable.
 */
public final class FetchLimits {
  /** The URI options every provider accepts. */
  public static final List<String> OPTIONS = List.of("maxAttempts", "attemptTimeout", "timeout");

  /** Three attempts of at most 10 s each, at most 25 s in all: inside the load's 30 s default. */
  public static final FetchLimits DEFAULT = new FetchLimits(3, Duration.ofSeconds(10), Duration.ofSeconds(25));

  private final int maxAttempts;
  private final Duration attemptTimeout;
  private final Duration timeout;

  private FetchLimits(int maxAttempts, Duration attemptTimeout, Duration timeout) {
    this.maxAttempts = maxAttempts;
    this.attemptTimeout = attemptTimeout;
    this.timeout = timeout;
  }

  /**
   * Returns limits of {@code maxAttempts} attempts of at most {@code attemptTimeout} each, within
   * {@code timeout} in all.
   *
   * @throws IllegalArgumentException if {@code maxAttempts} is less than 1, a duration is not
   *     positive, or {@code attemptTimeout} exceeds {@code timeout}
   */
  public static FetchLimits of(int maxAttempts, Duration attemptTimeout, Duration timeout) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
    }
    positive("attemptTimeout", attemptTimeout);
    positive("timeout", timeout);
    if (attemptTimeout.compareTo(timeout) > 0) {
      throw new IllegalArgumentException(
          "attemptTimeout (" + format(attemptTimeout) + ") exceeds timeout (" + format(timeout) + ")");
    }
    return new FetchLimits(maxAttempts, attemptTimeout, timeout);
  }

  private static void positive(String name, Duration duration) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, not " + format(duration));
    }
  }

  /** Returns how many attempts a request gets, the first included. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** Returns how long one attempt may take, from connecting to the last byte of the body. */
  public Duration attemptTimeout() {
    return attemptTimeout;
  }

  /** Returns how long the whole fetch may take, retries and waits included. */
  public Duration timeout() {
    return timeout;
  }

  /** Returns these limits with {@code maxAttempts}; see {@link #of}. */
  public FetchLimits withMaxAttempts(int maxAttempts) {
    return of(maxAttempts, attemptTimeout, timeout);
  }

  /** Returns these limits with {@code attemptTimeout}; see {@link #of}. */
  public FetchLimits withAttemptTimeout(Duration attemptTimeout) {
    return of(maxAttempts, attemptTimeout, timeout);
  }

  /**
   * Returns these limits with {@code timeout}; the attempt time-out shrinks to fit when it would
   * exceed it.
   */
  public FetchLimits withTimeout(Duration timeout) {
    positive("timeout", timeout);
    return of(maxAttempts, attemptTimeout.compareTo(timeout) > 0 ? timeout : attemptTimeout, timeout);
  }

  /** Returns the time left of a fetch that must end at {@code deadlineNanos} ({@link System#nanoTime}). */
  public static Duration remaining(long deadlineNanos) {
    return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
  }

  /** Formats a duration for messages: {@code 500 ms}, {@code 10 s}, {@code 3600 s}. */
  public static String format(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
  }

  /** Parses {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h} or ISO-8601; null if malformed or not positive. */
  static Duration parseDuration(String text) {
    String value = text.trim().toLowerCase(Locale.ROOT);
    Duration duration;
    try {
      if (value.startsWith("pt")) {
        duration = Duration.parse(value.toUpperCase(Locale.ROOT));
      } else if (value.endsWith("ms")) {
        duration = Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
      } else if (value.endsWith("s")) {
        duration = Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
      } else if (value.endsWith("m")) {
        duration = Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
      } else if (value.endsWith("h")) {
        duration = Duration.ofHours(Long.parseLong(value.substring(0, value.length() - 1)));
      } else {
        return null;
      }
    } catch (RuntimeException e) {
      return null;
    }
    return duration.isNegative() || duration.isZero() ? null : duration;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FetchLimits that
        && maxAttempts == that.maxAttempts
        && attemptTimeout.equals(that.attemptTimeout)
        && timeout.equals(that.timeout);
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxAttempts, attemptTimeout, timeout);
  }

  @Override
  public String toString() {
    return "FetchLimits[maxAttempts=" + maxAttempts + ", attemptTimeout=" + format(attemptTimeout)
        + ", timeout=" + format(timeout) + "]";
  }
}
