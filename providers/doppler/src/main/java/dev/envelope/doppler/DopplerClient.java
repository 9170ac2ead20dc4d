package dev.envelope.doppler;

import dev.envelope.spi.ProviderException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Downloads a config's secrets with one request, retried with jittered exponential backoff on
 * connection failures, timeouts, 429 and 5xx, and never on other statuses. Immutable and
 * thread-safe.
 */
final class DopplerClient {
  /** The longest {@code Retry-After} honoured; a longer one fails the fetch at once. */
  static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(10);

  private static final int MAX_ERROR_BODY = 4096;

  private final OkHttpClient http;
  private final int maxRetries;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration overallTimeout;
  private final Sleeper sleeper;

  DopplerClient(
      OkHttpClient http, int maxRetries, Duration initialBackoff, Duration maxBackoff, Duration overallTimeout, Sleeper sleeper) {
    this.http = http;
    this.maxRetries = maxRetries;
    this.initialBackoff = initialBackoff;
    this.maxBackoff = maxBackoff;
    this.overallTimeout = overallTimeout;
    this.sleeper = sleeper;
  }

  /** A failed attempt that may be retried; {@code unavailable} says whether the fallback may stand in. */
  private static final class RetryableFailure extends Exception {
    private static final long serialVersionUID = 1L;
    final boolean unavailable;
    final transient Duration retryAfter;

    RetryableFailure(String reason, boolean unavailable, Duration retryAfter, Throwable cause) {
      super(reason, cause, false, false);
      this.unavailable = unavailable;
      this.retryAfter = retryAfter;
    }
  }

  /**
   * Downloads the secrets of {@code target}, conditionally on {@code etag} when it is not null.
   *
   * @throws ProviderException for answers that retrying cannot fix (401, 403, 404, other 4xx, a
   *     body that is not Doppler's JSON) and for rate limiting that outlasts the retries
   * @throws DopplerUnavailableException if Doppler stayed unreachable or kept answering 5xx
   */
  Download download(DopplerTarget target, String etag) throws ProviderException, DopplerUnavailableException {
    long deadline = System.nanoTime() + overallTimeout.toNanos();
    for (int attempt = 1; ; attempt++) {
      RetryableFailure failure;
      try {
        return attempt(target, etag, deadline);
      } catch (RetryableFailure e) {
        failure = e;
      }
      Duration wait = failure.retryAfter != null ? failure.retryAfter : backoff(attempt - 1);
      boolean outOfRetries = attempt > maxRetries;
      if (outOfRetries || wait.toNanos() >= deadline - System.nanoTime()) {
        String message =
            failure.getMessage() + " (" + attempt + (attempt == 1 ? " attempt" : " attempts")
                + (outOfRetries ? "" : ", stopped by the " + seconds(overallTimeout) + " time limit") + ")";
        if (failure.unavailable) {
          throw new DopplerUnavailableException(message, failure.getCause());
        }
        throw new ProviderException(message, failure.getCause());
      }
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ProviderException("Interrupted while waiting to retry Doppler: " + failure.getMessage(), e);
      }
    }
  }

  private Download attempt(DopplerTarget target, String etag, long deadline) throws ProviderException, RetryableFailure {
    Request.Builder request =
        new Request.Builder()
            .url(target.downloadUrl())
            .header("Authorization", "Bearer " + target.token())
            .header("Accept", "application/json")
            .header("User-Agent", "envelope-doppler");
    if (etag != null) {
      request.header("If-None-Match", etag);
    }
    Call call = http.newCall(request.build());
    // No single attempt may run past the fetch's overall time limit.
    long remaining = Math.max(1, deadline - System.nanoTime());
    long perCall = TimeUnit.MILLISECONDS.toNanos(http.callTimeoutMillis());
    call.timeout().timeout(perCall == 0 ? remaining : Math.min(remaining, perCall), TimeUnit.NANOSECONDS);
    try (Response response = call.execute()) {
      int code = response.code();
      if (code == 200) {
        byte[] body = response.body().bytes();
        try {
          return new Download(SecretsJson.parseSecrets(body), response.header("ETag"), false);
        } catch (SecretsJson.MalformedException e) {
          throw new ProviderException(
              "Doppler's response for " + target.configLabel() + " is not a JSON object of strings: " + e.getMessage());
        }
      }
      if (code == 304 && etag != null) {
        return Download.notModifiedSince();
      }
      String detail = detail(target, response);
      if (code == 429) {
        Duration retryAfter = retryAfter(response.header("Retry-After"));
        String reason = "Doppler is rate-limiting the token " + target.tokenKind() + " (429)" + detail;
        if (retryAfter != null && retryAfter.compareTo(MAX_RETRY_AFTER) > 0) {
          throw new ProviderException(reason + "; it asked to wait " + seconds(retryAfter)
              + ", longer than the " + seconds(MAX_RETRY_AFTER) + " this provider waits");
        }
        throw new RetryableFailure(reason, false, retryAfter, null);
      }
      if (code >= 500) {
        throw new RetryableFailure("Doppler answered " + code + detail, true, null, null);
      }
      throw new ProviderException(rejection(target, code, detail));
    } catch (IOException e) {
      throw new RetryableFailure(describe(target, e), true, null, e);
    }
  }

  private static String rejection(DopplerTarget target, int code, String detail) {
    switch (code) {
      case 401:
        return "Doppler rejected the token " + target.tokenKind() + " (401)" + detail
            + "; check DOPPLER_TOKEN (a service token looks like dp.st.…)";
      case 403:
        return "Doppler denied the token " + target.tokenKind() + " access to " + target.configLabel() + " (403)" + detail;
      case 404:
        return "Doppler has no " + target.configLabel() + " for the token " + target.tokenKind() + " (404)" + detail
            + "; check DOPPLER_PROJECT and DOPPLER_CONFIG";
      default:
        return "Doppler refused the request for " + target.configLabel() + " (" + code + ")" + detail;
    }
  }

  private static String detail(DopplerTarget target, Response response) {
    String text;
    try {
      text = response.peekBody(MAX_ERROR_BODY).string();
    } catch (IOException e) {
      text = "";
    }
    String messages = target.redact(SecretsJson.errorMessages(text));
    return messages.isEmpty() ? "" : ": " + messages;
  }

  private static String describe(DopplerTarget target, IOException e) {
    String host = target.apiHost().host() + ":" + target.apiHost().port();
    if (e instanceof SocketTimeoutException) {
      return "Doppler at " + host + " did not answer in time (" + target.redact(e.getMessage()) + ")";
    }
    if (e instanceof InterruptedIOException) {
      return "Doppler at " + host + " did not answer within the fetch's time limit";
    }
    if (e instanceof UnknownHostException) {
      return "Could not resolve the Doppler API host " + target.apiHost().host();
    }
    if (e instanceof ConnectException) {
      return "Could not connect to Doppler at " + host + " (" + target.redact(e.getMessage()) + ")";
    }
    return "Lost the connection to Doppler at " + host + " (" + e.getClass().getSimpleName() + ": " + target.redact(e.getMessage()) + ")";
  }

  /** Returns the jittered backoff before retry number {@code retry + 1}: between half and all of the exponential step. */
  Duration backoff(int retry) {
    long step = initialBackoff.toMillis() << Math.min(retry, 20);
    long capped = Math.min(step, maxBackoff.toMillis());
    long half = capped / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(capped - half + 1));
  }

  private static Duration retryAfter(String header) {
    if (header == null) {
      return null;
    }
    try {
      long value = Long.parseLong(header.trim());
      return value < 0 ? null : Duration.ofSeconds(value);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String seconds(Duration duration) {
    return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
  }
}
