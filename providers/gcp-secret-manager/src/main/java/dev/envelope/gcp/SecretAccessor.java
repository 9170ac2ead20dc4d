package dev.envelope.gcp;

import com.google.api.core.ApiFuture;
import com.google.api.gax.grpc.GrpcCallContext;
import com.google.api.gax.retrying.RetrySettings;
import com.google.api.gax.rpc.ApiCallContext;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.UnaryCallable;
import com.google.cloud.secretmanager.v1.AccessSecretVersionRequest;
import com.google.cloud.secretmanager.v1.AccessSecretVersionResponse;
import com.google.rpc.RetryInfo;
import dev.envelope.spi.FetchLimits;
import io.grpc.CallOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes the {@code AccessSecretVersion} calls of one fetch: at most {@code concurrency} at a time,
 * each retried on {@link AccessFailures#retried} failures with jittered exponential backoff (or the
 * delay the service asks for), every attempt and wait inside the fetch's limits, which end at {@code
 * deadline} ({@link System#nanoTime}).
 *
 * <p>The client's own retries are switched off per call, so that {@link FetchLimits} alone bound the
 * work. An interrupt stops everything: waiting calls are cancelled, which cancels their RPCs. Not
 * thread-safe: one per fetch.
 */
final class SecretAccessor {
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(4);
  // After the fetch's own deadline, how long to wait for a call that ignores its gRPC deadline.
  private static final Duration GRACE = Duration.ofSeconds(2);

  private final UnaryCallable<AccessSecretVersionRequest, AccessSecretVersionResponse> access;
  private final String project;
  private final String endpoint;
  private final FetchLimits limits;
  private final int concurrency;
  private final long deadline;

  SecretAccessor(
      UnaryCallable<AccessSecretVersionRequest, AccessSecretVersionResponse> access,
      String project,
      String endpoint,
      FetchLimits limits,
      int concurrency,
      long deadline) {
    this.access = access;
    this.project = project;
    this.endpoint = endpoint;
    this.limits = limits;
    this.concurrency = concurrency;
    this.deadline = deadline;
  }

  /**
   * Returns one outcome per read, in the same order.
   *
   * @throws InterruptedException if the calling thread is interrupted; every call is then cancelled
   */
  List<Outcome> accessAll(List<SecretRead> reads) throws InterruptedException {
    if (reads.isEmpty()) {
      return List.of();
    }
    ExecutorService workers = Executors.newFixedThreadPool(Math.min(concurrency, reads.size()), new Workers());
    try {
      List<Future<Outcome>> futures = new ArrayList<>(reads.size());
      for (SecretRead read : reads) {
        Callable<Outcome> task = () -> access(read);
        futures.add(workers.submit(task));
      }
      List<Outcome> outcomes = new ArrayList<>(reads.size());
      for (Future<Outcome> future : futures) {
        outcomes.add(await(future));
      }
      return outcomes;
    } finally {
      workers.shutdownNow();
    }
  }

  private Outcome await(Future<Outcome> future) throws InterruptedException {
    try {
      return future.get(FetchLimits.remaining(deadline).plus(GRACE).toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      return timedOut();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      return new Outcome.Failed("the call failed: " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }
  }

  private Outcome timedOut() {
    return new Outcome.Failed("no answer from Secret Manager (" + endpoint + ") within the provider's timeout of "
        + FetchLimits.format(limits.timeout()));
  }

  /** Reads one secret version, retrying within the limits. Runs on a worker thread. */
  private Outcome access(SecretRead read) throws InterruptedException {
    AccessSecretVersionRequest request = AccessSecretVersionRequest.newBuilder().setName(read.resource(project)).build();
    for (int attempt = 1; ; attempt++) {
      Duration left = FetchLimits.remaining(deadline);
      if (left.isZero()) {
        return timedOut();
      }
      Duration timeout = left.compareTo(limits.attemptTimeout()) < 0 ? left : limits.attemptTimeout();
      ApiFuture<AccessSecretVersionResponse> call = access.futureCall(request, singleAttempt(timeout));
      ApiException failure;
      try {
        return Payloads.verify(call.get(timeout.plus(GRACE).toNanos(), TimeUnit.NANOSECONDS));
      } catch (InterruptedException e) {
        call.cancel(true);
        throw e;
      } catch (TimeoutException | CancellationException e) {
        call.cancel(true);
        return timedOut();
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof ApiException api)) {
          Throwable cause = e.getCause();
          return new Outcome.Failed("the call failed: " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
        failure = api;
      }
      if (!AccessFailures.retried(failure) || attempt >= limits.maxAttempts()) {
        return AccessFailures.describe(read, failure, project, endpoint, attempt);
      }
      Duration asked = askedDelay(failure);
      Duration wait = asked != null ? asked : backoff(attempt);
      if (wait.compareTo(FetchLimits.remaining(deadline)) >= 0) {
        // Waiting would outlast the fetch: report what the service said rather than a time-out.
        Outcome outcome = AccessFailures.describe(read, failure, project, endpoint, attempt);
        return asked == null || !(outcome instanceof Outcome.Failed failed)
            ? outcome
            : new Outcome.Failed(failed.message() + "; asked to wait " + FetchLimits.format(asked) + ", more than the fetch has left");
      }
      Thread.sleep(Math.max(1, wait.toMillis()));
    }
  }

  /**
   * Returns a call context for one attempt of at most {@code timeout}, whose answer may be at most
   * {@link AccessFailures#MAX_MESSAGE_BYTES}: the client does not retry (the provider does).
   */
  static ApiCallContext singleAttempt(Duration timeout) {
    RetrySettings once =
        RetrySettings.newBuilder()
            .setMaxAttempts(1)
            .setTotalTimeoutDuration(timeout)
            .setInitialRpcTimeoutDuration(timeout)
            .setMaxRpcTimeoutDuration(timeout)
            .build();
    return GrpcCallContext.createDefault()
        .withCallOptions(CallOptions.DEFAULT.withMaxInboundMessageSize(AccessFailures.MAX_MESSAGE_BYTES))
        .withTimeoutDuration(timeout)
        .withRetrySettings(once)
        .withRetryableCodes(Set.of());
  }

  /** Returns the delay the service asked for in a google.rpc.RetryInfo, or null. */
  private static Duration askedDelay(ApiException failure) {
    RetryInfo asked = failure.getErrorDetails() == null ? null : failure.getErrorDetails().getRetryInfo();
    if (asked == null || !asked.hasRetryDelay()) {
      return null;
    }
    return Duration.ofSeconds(asked.getRetryDelay().getSeconds(), asked.getRetryDelay().getNanos());
  }

  /** Returns the wait before attempt {@code attempt + 1}: doubling from 250 ms up to 4 s, the upper half at random. */
  private static Duration backoff(int attempt) {
    long ceiling = Math.min(MAX_BACKOFF.toMillis(), FIRST_BACKOFF.toMillis() << Math.min(attempt - 1, 10));
    return Duration.ofMillis(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
  }

  /** Names the worker threads after the provider and makes them daemons, so they never hold up exit. */
  private static final class Workers implements ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable task) {
      Thread thread = new Thread(task, "envelope-gcp-secretmanager-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  }
}
