package dev.envelope.internal.sources;

import dev.envelope.Problem;
import dev.envelope.spi.EnvProvider;
import dev.envelope.spi.ProviderException;
import dev.envelope.spi.ProviderRequest;
import dev.envelope.spi.ProviderSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches every provider at once, each on a thread of its own, so that a load costs as much as its
 * slowest provider rather than the sum of them; and turns each failure into a {@code PROVIDER}
 * problem instead of a gap.
 */
public final class ProviderFetcher {
  /**
   * What one provider gave: a snapshot, or the problem that stands in for it.
   *
   * @param provider the provider
   * @param snapshot its entries, or null when it failed
   * @param problem why it failed, or null
   */
  public record Result(EnvProvider provider, ProviderSnapshot snapshot, Problem problem) {}

  private ProviderFetcher() {}

  /**
   * Returns one result per provider, in the order given, after at most {@code timeout}; provider
   * {@code i} is asked {@code requests.get(i)}.
   */
  public static List<Result> fetchAll(List<EnvProvider> providers, List<ProviderRequest> requests, Duration timeout) {
    List<Fetch> fetches = new ArrayList<>(providers.size());
    for (int i = 0; i < providers.size(); i++) {
      fetches.add(start(providers.get(i), requests.get(i)));
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Result> results = new ArrayList<>(providers.size());
    for (int i = 0; i < providers.size(); i++) {
      results.add(await(providers.get(i), fetches.get(i), deadline, timeout));
    }
    return results;
  }

  /** A provider's fetch under way: its thread, interrupted when the load stops waiting for it. */
  private record Fetch(Thread thread, CompletableFuture<ProviderSnapshot> future) {}

  private static Fetch start(EnvProvider provider, ProviderRequest request) {
    CompletableFuture<ProviderSnapshot> future = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                ProviderSnapshot snapshot = provider.fetch(request);
                if (snapshot == null) {
                  throw new ProviderException("returned no snapshot (a bug in the provider)");
                }
                future.complete(snapshot);
              } catch (Throwable e) {
                future.completeExceptionally(e);
              }
            },
            "envelope-provider-" + provider.name());
    thread.setDaemon(true);
    thread.start();
    return new Fetch(thread, future);
  }

  private static Result await(EnvProvider provider, Fetch fetch, long deadline, Duration timeout) {
    try {
      long remaining = Math.max(0, deadline - System.nanoTime());
      return new Result(provider, fetch.future().get(remaining, TimeUnit.NANOSECONDS), null);
    } catch (TimeoutException e) {
      // Interrupting stops a provider blocked in I/O or a sleep: its thread must not outlive the load.
      fetch.thread().interrupt();
      return failed(provider, "did not answer within " + timeout.toMillis() + " ms (the provider timeout of the load)");
    } catch (InterruptedException e) {
      fetch.thread().interrupt();
      Thread.currentThread().interrupt();
      return failed(provider, "was interrupted");
    } catch (ExecutionException e) {
      return failed(provider, describe(e.getCause()));
    }
  }

  /**
   * Returns what a failure says to people. A {@link ProviderException}'s message is written for
   * them; anything else is a bug or an unexpected condition, so its type is named too.
   */
  static String describe(Throwable failure) {
    if (failure instanceof ProviderException && failure.getMessage() != null) {
      return failure.getMessage();
    }
    String message = failure.getMessage();
    return "failed: " + failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private static Result failed(EnvProvider provider, String message) {
    return new Result(provider, null, new Problem(provider.name(), Problem.Kind.PROVIDER, message, ""));
  }
}
