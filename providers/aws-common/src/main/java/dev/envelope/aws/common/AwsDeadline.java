package dev.envelope.aws.common;

import dev.envelope.spi.FetchLimits;
import java.time.Duration;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;

/**
 * Holds the end of one fetch, so that every call the fetch makes (pages, batches, retries and waits
 * included) ends within the fetch's {@link FetchLimits#timeout()}. Internal to Envelope's AWS modules.
 * Immutable.
 */
public final class AwsDeadline {
  // The SDK refuses a zero time-out; a call started after the deadline fails at once with this one.
  private static final Duration EXPIRED = Duration.ofMillis(1);

  private final FetchLimits limits;
  private final long deadlineNanos;

  private AwsDeadline(FetchLimits limits, long deadlineNanos) {
    this.limits = limits;
    this.deadlineNanos = deadlineNanos;
  }

  /** Returns a deadline {@code limits.timeout()} from now. */
  public static AwsDeadline start(FetchLimits limits) {
    return new AwsDeadline(limits, System.nanoTime() + limits.timeout().toNanos());
  }

  /** Returns the limits the deadline was started with. */
  public FetchLimits limits() {
    return limits;
  }

  /** Returns the time left, zero once the deadline has passed. */
  public Duration remaining() {
    return FetchLimits.remaining(deadlineNanos);
  }

  /**
   * Returns the configuration to give every request of the fetch: the time left as the whole call's
   * time-out, and the attempt time-out (from connecting to the last byte of the body).
   */
  public AwsRequestOverrideConfiguration override() {
    Duration left = remaining();
    Duration call = left.isZero() ? EXPIRED : left;
    Duration attempt = limits.attemptTimeout().compareTo(call) < 0 ? limits.attemptTimeout() : call;
    return AwsRequestOverrideConfiguration.builder().apiCallTimeout(call).apiCallAttemptTimeout(attempt).build();
  }

  @Override
  public String toString() {
    return "AwsDeadline[" + limits + ", " + FetchLimits.format(remaining()) + " left]";
  }
}
