package dev.envelope.kubernetes;

import dev.envelope.spi.ProviderException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLException;

/**
 * Performs one {@code GET} of a Secret, with bounded retries for answers that may pass (429, 5xx,
 * connection failures), and turns the API's refusals into messages that quote its {@code Status}.
 */
final class SecretApiCall {
  private static final Set<Integer> RETRIED = Set.of(429, 500, 502, 503, 504);
  private static final long MAX_RETRY_AFTER_SECONDS = 10;

  private final HttpClient client;
  private final URI uri;
  private final String token;
  private final String secret;
  private final Duration timeout;
  private final int maxAttempts;
  private final Duration backoff;

  SecretApiCall(
      HttpClient client, URI uri, String token, String secret, Duration timeout, int maxAttempts,
      Duration backoff) {
    this.client = client;
    this.uri = uri;
    this.token = token;
    this.secret = secret;
    this.timeout = timeout;
    this.maxAttempts = maxAttempts;
    this.backoff = backoff;
  }

  /**
   * Returns the Secret as the API returned it.
   *
   * @throws ProviderException if the API refused, kept failing, or answered something unreadable
   */
  SecretJson.ApiObject get() throws ProviderException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Accept", "application/json")
            .header("Authorization", "Bearer " + token)
            .GET()
            .build();
    for (int attempt = 1; ; attempt++) {
      HttpResponse<byte[]> response;
      try {
        response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        SSLException tls = tlsFailure(e);
        if (tls != null) {
          // Not retried: an untrusted certificate does not become trusted by asking again.
          throw new ProviderException(
              "TLS with " + server() + " failed (" + tls.getMessage() + "); the server's certificate"
                  + " must be signed by the cluster CA", e);
        }
        if (attempt < maxAttempts) {
          pause(attempt, null);
          continue;
        }
        String what =
            e instanceof HttpTimeoutException
                ? "no answer within " + timeout.toMillis() + " ms"
                : e.getClass().getSimpleName();
        throw new ProviderException(
            "cannot reach the Kubernetes API at " + server() + " to read " + secret + " (" + what
                + (attempt > 1 ? ", " + attempt + " attempts" : "") + ")", e);
      }
      int status = response.statusCode();
      if (status == 200) {
        return parse(response.body(), status);
      }
      if (RETRIED.contains(status) && attempt < maxAttempts) {
        pause(attempt, response.headers().firstValue("Retry-After").orElse(null));
        continue;
      }
      throw refusal(status, response.body(), attempt);
    }
  }

  private static SSLException tlsFailure(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SSLException tls) {
        return tls;
      }
    }
    return null;
  }

  private String server() {
    return uri.getScheme() + "://" + uri.getAuthority();
  }

  private SecretJson.ApiObject parse(byte[] body, int status) throws ProviderException {
    try {
      return SecretJson.parse(body);
    } catch (IOException e) {
      throw new ProviderException(
          "the Kubernetes API answered " + status + " for " + secret + " with a body that is not"
              + " JSON (" + body.length + " bytes)", e);
    }
  }

  private ProviderException refusal(int status, byte[] body, int attempts) {
    String quoted;
    try {
      String message = SecretJson.parse(body).message();
      quoted = message.isEmpty() ? "no message" : "\"" + redact(message) + "\"";
    } catch (IOException e) {
      quoted = "not a Status object";
    }
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
          default -> "the Kubernetes API answered " + status + " for " + secret + ": " + quoted
              + (attempts > 1 ? " (" + attempts + " attempts)" : "");
        });
  }

  // The API never echoes the bearer token, but a proxy in front of it might.
  private String redact(String text) {
    return token.isEmpty() ? text : text.replace(token, "****");
  }

  private void pause(int attempt, String retryAfter) throws InterruptedException {
    long millis = backoff.toMillis() << (attempt - 1);
    millis = millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1);
    if (retryAfter != null) {
      try {
        millis = Math.min(Long.parseLong(retryAfter.trim()), MAX_RETRY_AFTER_SECONDS) * 1000;
      } catch (NumberFormatException e) {
        // An HTTP date: rare from the API server; the computed backoff will do.
      }
    }
    Thread.sleep(millis);
  }
}
