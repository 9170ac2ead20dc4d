package dev.envelope.kubernetes;

import dev.envelope.spi.CappedBody;
import dev.envelope.spi.CredentialMask;
import dev.envelope.spi.FetchLimits;
import dev.envelope.spi.ProviderException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLException;

/**
 * Performs one {@code GET} of a Secret within its {@link FetchLimits}: each attempt, body included,
 * ends by its attempt time-out (the JDK's request time-out stops at the headers, so a stalled body
 * would otherwise block for ever); attempts are retried for answers that may pass (429, 5xx,
 * connection failures) while the fetch's time limit allows; an interrupt cancels the exchange. The
 * API's refusals become messages that quote its {@code Status}, with any fragment of the token
 * masked.
 */
final class SecretApiCall {
  /**
   * The largest body read: 4 MiB. The API server stores at most 1 MiB of data per Secret, which
   * base64 and the object's metadata grow by about half.
   */
  static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

  private static final Set<Integer> RETRIED = Set.of(429, 500, 502, 503, 504);

  private final HttpClient client;
  private final URI uri;
  private final String token;
  private final String secret;
  private final FetchLimits limits;
  private final Duration backoff;

  SecretApiCall(HttpClient client, URI uri, String token, String secret, FetchLimits limits, Duration backoff) {
    this.client = client;
    this.uri = uri;
    this.token = token;
    this.secret = secret;
    this.limits = limits;
    this.backoff = backoff;
  }

  /** A failed attempt that another may fix. */
  private record Retryable(String reason, Duration retryAfter, Throwable cause) {}

  /**
   * Returns the Secret as the API returned it.
   *
   * @throws ProviderException if the API refused, kept failing past the limits, redirected, or
   *     answered something unreadable or too large
   * @throws InterruptedException if the load gave up; the exchange is cancelled first
   */
  SecretJson.ApiObject get() throws ProviderException, InterruptedException {
    long deadline = System.nanoTime() + limits.timeout().toNanos();
    for (int attempt = 1; ; attempt++) {
      Duration limit = min(limits.attemptTimeout(), FetchLimits.remaining(deadline));
      Object outcome = attempt(limit, attempt);
      if (outcome instanceof SecretJson.ApiObject object) {
        return object;
      }
      Retryable failure = (Retryable) outcome;
      String attempts = attempt + (attempt == 1 ? " attempt" : " attempts");
      Duration left = FetchLimits.remaining(deadline);
      if (failure.retryAfter() != null && failure.retryAfter().compareTo(left) > 0) {
        throw new ProviderException(failure.reason() + "; asked to wait " + FetchLimits.format(failure.retryAfter())
            + ", more than the " + FetchLimits.format(wholeSeconds(left)) + " left of the " + FetchLimits.format(limits.timeout())
            + " time limit (" + attempts + ")", failure.cause());
      }
      Duration wait = failure.retryAfter() != null ? failure.retryAfter() : backoff(attempt);
      if (attempt >= limits.maxAttempts() || wait.compareTo(left) >= 0) {
        throw new ProviderException(failure.reason() + " (" + attempts
            + (attempt >= limits.maxAttempts() ? "" : ", stopped by the " + FetchLimits.format(limits.timeout()) + " time limit")
            + ")", failure.cause());
      }
      Thread.sleep(wait.toMillis());
    }
  }

  /** Returns the Secret, or the {@link Retryable} failure of this attempt. */
  private Object attempt(Duration limit, int attempt) throws ProviderException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(limit)
            .header("Accept", "application/json")
            .header("Authorization", "Bearer " + token)
            .GET()
            .build();
    AtomicBoolean tooLarge = new AtomicBoolean();
    CompletableFuture<HttpResponse<byte[]>> exchange =
        client.sendAsync(request, CappedBody.handler(MAX_BODY_BYTES, tooLarge));
    HttpResponse<byte[]> response;
    try {
      response = exchange.get(limit.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      exchange.cancel(true);
      return new Retryable(unreachable("no complete answer within " + FetchLimits.format(limit)), null, e);
    } catch (InterruptedException e) {
      exchange.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      return failed(tooLarge.get() ? new CappedBody.TooLarge(MAX_BODY_BYTES) : e.getCause(), limit);
    }
    int status = response.statusCode();
    if (status == 200) {
      return parse(response.body(), status);
    }
    if (status >= 300 && status < 400) {
      String location = response.headers().firstValue("Location").map(SecretApiCall::hostOf).orElse("no Location");
      throw new ProviderException("the Kubernetes API at " + server() + " answered " + status + " for " + secret
          + ", redirecting to " + redact(location) + "; redirects are not followed, so that the token never"
          + " leaves the configured server: give the provider the server's real address");
    }
    if (RETRIED.contains(status)) {
      String reason = status == 429
          ? "the Kubernetes API is throttling requests for " + secret + " (429)"
          : "the Kubernetes API answered " + status + " for " + secret + ": " + quoted(response.body());
      return new Retryable(reason, retryAfter(response.headers().firstValue("Retry-After").orElse(null)), null);
    }
    throw refusal(status, response.body());
  }

  private Retryable failed(Throwable failure, Duration limit) throws ProviderException {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof CappedBody.TooLarge) {
        throw new ProviderException("the Kubernetes API answered " + secret + " with a body larger than "
            + MAX_BODY_BYTES / (1024 * 1024) + " MiB, the most this provider reads (a Secret holds at most 1 MiB)");
      }
      if (cause instanceof SSLException tls) {
        // Not retried: an untrusted certificate does not become trusted by asking again.
        throw new ProviderException("TLS with " + server() + " failed (" + redact(tls.getMessage())
            + "); the server's certificate must be signed by the cluster CA", failure);
      }
    }
    if (failure instanceof java.net.http.HttpTimeoutException && !(failure instanceof java.net.http.HttpConnectTimeoutException)) {
      // The request's own time-out and the wait for it end together: whichever fires first, it is the
      // same attempt that did not complete in time.
      return new Retryable(unreachable("no complete answer within " + FetchLimits.format(limit)), null, failure);
    }
    String what = failure.getClass().getSimpleName();
    if (!(failure instanceof java.net.ConnectException)) {
      what = "the connection broke (" + what + ")";
    }
    return new Retryable(unreachable(what), null, failure);
  }

  private String unreachable(String what) {
    return "cannot reach the Kubernetes API at " + server() + " to read " + secret + ": " + what;
  }

  private String server() {
    return uri.getScheme() + "://" + uri.getAuthority();
  }

  private static String hostOf(String location) {
    try {
      URI target = URI.create(location.strip());
      return target.getAuthority() == null ? "a path on the same server" : target.getScheme() + "://" + target.getAuthority();
    } catch (IllegalArgumentException e) {
      return "a malformed Location";
    }
  }

  private SecretJson.ApiObject parse(byte[] body, int status) throws ProviderException {
    try {
      return SecretJson.parse(body);
    } catch (IOException e) {
      // Jackson's message quotes the body, which may hold a secret: only its size is shown.
      throw new ProviderException(
          "the Kubernetes API answered " + status + " for " + secret + " with a body that is not"
              + " JSON (" + body.length + " bytes)");
    }
  }

  private String quoted(byte[] body) {
    try {
      String message = SecretJson.parse(body).message();
      return message.isEmpty() ? "no message" : "\"" + redact(message) + "\"";
    } catch (IOException e) {
      return "not a Status object";
    }
  }

  private ProviderException refusal(int status, byte[] body) {
    String quoted = quoted(body);
    return new ProviderException(
        switch (status) {
          case 401 -> "the Kubernetes API rejected the service-account token (401): " + quoted
              + "; check that the pod's token is mounted and not expired";
          case 403 -> "reading " + secret + " is forbidden (403): " + quoted
              + "; give the pod's service account a Role with verbs [get] on resources [secrets]"
              + " and resourceNames [" + secret.substring(secret.lastIndexOf('/') + 1)
              + "], and a RoleBinding";
          case 404 -> secret + " was not found (404): " + quoted
              + "; check the Secret's name and namespace";
          default -> "the Kubernetes API answered " + status + " for " + secret + ": " + quoted;
        });
  }

  // The API never echoes the bearer token, but a proxy in front of it might, whole or in part.
  private String redact(String text) {
    return CredentialMask.mask(text, token, "****");
  }

  private Duration backoff(int attempt) {
    long millis = backoff.toMillis() << Math.min(attempt - 1, 20);
    return Duration.ofMillis(millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1));
  }

  private static Duration retryAfter(String header) {
    if (header == null) {
      return null;
    }
    try {
      long seconds = Long.parseLong(header.trim());
      return seconds < 0 ? null : Duration.ofSeconds(seconds);
    } catch (NumberFormatException e) {
      return null; // an HTTP date: rare from the API server; the computed backoff will do
    }
  }

  private static Duration min(Duration a, Duration b) {
    Duration shortest = a.compareTo(b) <= 0 ? a : b;
    return shortest.isZero() ? Duration.ofMillis(1) : shortest;
  }

  private static Duration wholeSeconds(Duration duration) {
    return duration.toSeconds() >= 1 ? Duration.ofSeconds(duration.toSeconds()) : duration;
  }
}
