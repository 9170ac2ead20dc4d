package dev.envelope.azure;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.core.http.rest.PagedResponse;
import com.azure.core.util.Context;
import com.azure.identity.CredentialUnavailableException;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import dev.envelope.spi.FetchLimits;
import dev.envelope.spi.ProviderException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Reads secrets from one vault for one fetch: one request per secret, at most {@code concurrency} at
 * a time, each retried within the {@link FetchLimits} when Key Vault throttles, fails or does not
 * answer, all of it within the fetch's time-out. When the fetch's thread is interrupted (the load
 * stopped waiting), every request under way is abandoned and no new one starts. Not thread-safe:
 * one per fetch.
 */
final class VaultReader {
  // A list that pages on and on would be a service bug; 2,000 pages are 50,000 secrets.
  private static final int MAX_PAGES = 2_000;
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final SecretClient client;
  private final Vault vault;
  private final FetchLimits limits;
  private final String identity;
  private final long deadline;
  private volatile boolean stopped;

  VaultReader(SecretClient client, Vault vault, FetchLimits limits, String identity) {
    this.client = client;
    this.vault = vault;
    this.limits = limits;
    this.identity = identity;
    this.deadline = System.nanoTime() + limits.timeout().toNanos();
  }

  /** A secret's name and the version to read, {@code null} for the latest. */
  record Lookup(String name, String version) {
    String describe() {
      return version == null ? name : name + " (version " + version + ")";
    }
  }

  /**
   * What reading one secret gave: its value and version, or a problem, or neither when the secret
   * does not exist. {@link #toString()} never shows the value.
   */
  record Outcome(String value, String version, String problem) {
    static final Outcome ABSENT = new Outcome(null, null, null);

    boolean found() {
      return value != null;
    }

    @Override
    public String toString() {
      return found() ? "Outcome[version " + version + "]" : problem != null ? "Outcome[" + problem + "]" : "Outcome[absent]";
    }
  }

  /** Stops on a read that is not worth retrying, carrying the message for people. */
  private static final class Failed extends Exception {
    private static final long serialVersionUID = 1L;

    Failed(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Reads every lookup, at most {@code concurrency} at a time, and returns the outcome of each.
   *
   * @throws ProviderException if the fetch's time-out passed or its thread was interrupted first
   */
  Map<Lookup, Outcome> read(List<Lookup> lookups, int concurrency) throws ProviderException {
    Map<Lookup, Future<Outcome>> futures = new LinkedHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(concurrency, lookups.size())), task -> {
      Thread thread = new Thread(task, "envelope-azure-keyvault-" + THREADS.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    try {
      for (Lookup lookup : lookups) {
        futures.put(lookup, pool.submit(() -> readOne(lookup)));
      }
      Map<Lookup, Outcome> outcomes = new LinkedHashMap<>();
      for (Map.Entry<Lookup, Future<Outcome>> future : futures.entrySet()) {
        outcomes.put(future.getKey(), await(future.getValue(), futures.size() - outcomes.size()));
      }
      return outcomes;
    } catch (ProviderException | RuntimeException e) {
      // Timed out or interrupted: requests under way are abandoned, no new attempt starts.
      stopped = true;
      throw e;
    } finally {
      pool.shutdownNow();
    }
  }

  private Outcome await(Future<Outcome> future, int unread) throws ProviderException {
    try {
      return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new ProviderException("Key Vault " + vault.name() + " did not give " + unread + " of the secrets within the"
          + " fetch's time-out of " + FetchLimits.format(limits.timeout()) + " (attempts of at most "
          + FetchLimits.format(limits.attemptTimeout()) + ", " + limits.maxAttempts() + " attempts)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException("reading Key Vault " + vault.name() + " was interrupted");
    } catch (ExecutionException e) {
      throw new ProviderException(
          KeyVaultFailures.describe(e.getCause(), vault, "a secret", identity, 1), e.getCause());
    }
  }

  /**
   * Returns the names of the secrets the vault holds, except those Key Vault manages for
   * certificates, following every page.
   *
   * @throws ProviderException if the list cannot be read
   */
  List<String> list() throws ProviderException {
    try {
      return withRetries("the list of secrets", () -> {
        List<String> names = new ArrayList<>();
        int pages = 0;
        for (PagedResponse<SecretProperties> page : client.listPropertiesOfSecrets(Context.NONE).iterableByPage()) {
          for (SecretProperties properties : page.getValue()) {
            if (!Boolean.TRUE.equals(properties.isManaged()) && properties.getName() != null) {
              names.add(properties.getName());
            }
          }
          if (++pages >= MAX_PAGES) {
            break;
          }
        }
        return names;
      });
    } catch (Failed e) {
      throw new ProviderException(e.getMessage());
    } catch (ResourceNotFoundException e) {
      throw new ProviderException(KeyVaultFailures.describe(e, vault, "the list of secrets", identity, 1));
    }
  }

  private Outcome readOne(Lookup lookup) {
    KeyVaultSecret secret;
    try {
      secret = withRetries(lookup.name(), () -> client.getSecretWithResponse(lookup.name(), lookup.version(), Context.NONE).getValue());
    } catch (Failed e) {
      return new Outcome(null, null, e.getMessage());
    } catch (ResourceNotFoundException e) {
      if (lookup.version() == null) {
        return Outcome.ABSENT;
      }
      return new Outcome(null, null, "secret " + lookup.describe() + " does not exist in Key Vault " + vault.name()
          + " (" + ServiceError.of(e).describe() + "): check the pinned version id");
    }
    SecretProperties properties = secret == null ? null : secret.getProperties();
    if (secret == null || secret.getValue() == null || properties == null || properties.getVersion() == null) {
      // The SDK reads an answer that is not a secret's JSON as an empty secret; never pass that on as a value.
      return new Outcome(null, null, "Key Vault " + vault.name() + " answered the read of " + lookup.describe()
          + " without a value and version (the answer is not shown): is " + vault.url() + " a Key Vault?");
    }
    String problem = validity(lookup, properties);
    return problem != null ? new Outcome(null, null, problem) : new Outcome(secret.getValue(), properties.getVersion(), null);
  }

  /** Returns what makes a secret unusable though Key Vault returned it, or {@code null}. */
  private String validity(Lookup lookup, SecretProperties properties) {
    if (properties == null) {
      return null;
    }
    String which = "secret " + lookup.name() + " (version " + properties.getVersion() + ") in Key Vault " + vault.name();
    OffsetDateTime now = OffsetDateTime.now();
    if (Boolean.FALSE.equals(properties.isEnabled())) {
      return which + " is disabled: enable it, or pin an enabled version for this variable";
    }
    if (properties.getExpiresOn() != null && properties.getExpiresOn().isBefore(now)) {
      return which + " expired on " + properties.getExpiresOn()
          + ": add a new version with a later expiry date, or extend this version's expiry date";
    }
    if (properties.getNotBefore() != null && properties.getNotBefore().isAfter(now)) {
      return which + " is not valid before " + properties.getNotBefore()
          + " (its activation date): remove the activation date, or wait for it";
    }
    return null;
  }

  /**
   * Returns what {@code call} gives, attempting it again within the limits when it is throttled,
   * fails with a server error or does not answer; a 404 is passed on to the caller as it is.
   */
  private <T> T withRetries(String what, Supplier<T> call) throws Failed {
    for (int attempt = 1; ; attempt++) {
      if (stopped || Thread.currentThread().isInterrupted()) {
        throw new Failed("reading " + what + " from Key Vault " + vault.name() + " was stopped");
      }
      RuntimeException failure;
      Duration requested = null;
      try {
        return call.get();
      } catch (ResourceNotFoundException e) {
        throw e;
      } catch (CredentialUnavailableException e) {
        throw new Failed(KeyVaultFailures.describe(e, vault, what, identity, attempt));
      } catch (HttpResponseException e) {
        int status = e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
        if (!KeyVaultFailures.retryable(status)) {
          throw new Failed(KeyVaultFailures.describe(e, vault, what, identity, attempt));
        }
        failure = e;
        requested = Backoff.requested(e.getResponse());
      } catch (RuntimeException e) {
        if (interrupted(e)) {
          stopped = true;
          Thread.currentThread().interrupt();
          throw new Failed("reading " + what + " from Key Vault " + vault.name() + " was stopped");
        }
        if (stopped || !KeyVaultFailures.transientIo(e)) {
          throw new Failed(KeyVaultFailures.describe(e, vault, what, identity, attempt));
        }
        failure = e;
      }
      if (attempt >= limits.maxAttempts()) {
        throw new Failed(KeyVaultFailures.describe(failure, vault, what, identity, attempt));
      }
      Duration wait = Backoff.after(attempt, requested);
      Duration left = FetchLimits.remaining(deadline);
      if (wait.compareTo(left) >= 0) {
        String asked = requested != null ? "Key Vault asked to wait " + FetchLimits.format(requested) : "the next attempt is due in " + FetchLimits.format(wait);
        throw new Failed(KeyVaultFailures.describe(failure, vault, what, identity, attempt)
            + "; " + asked + ", more than the " + FetchLimits.format(Duration.ofMillis(left.toMillis()))
            + " left of the fetch's time-out (" + FetchLimits.format(limits.timeout()) + ")");
      }
      try {
        Thread.sleep(wait.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Failed("reading " + what + " from Key Vault " + vault.name() + " was stopped");
      }
    }
  }

  /** Returns whether {@code failure} is the SDK's wrapping of an interrupt (it clears the flag). */
  private static boolean interrupted(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof InterruptedException || cause instanceof java.io.InterruptedIOException
          && !(cause instanceof java.net.SocketTimeoutException) && !(cause instanceof java.net.http.HttpTimeoutException)) {
        return true;
      }
    }
    return false;
  }
}
