package dev.envelope.doppler;

import dev.envelope.spi.FetchLimits;
import dev.envelope.spi.ProviderException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * Downloads a config's secrets with one request within {@link FetchLimits}: each attempt, body
 * included, ends by its attempt time-out; connection failures, time-outs, 429 and 5xx are retried
 * with jittered exponential backoff while the fetch's time limit allows, other statuses never; a
 * redirect is refused; an interrupt cancels the call. Immutable and thread-safe.
 *
 * <p>A 429's {@code Retry-After} is waited out, plus a random part of up to half as long again
 * (within the time left): replicas of a fleet that were refused together in one rate-limit window
 * then retry spread over the next one, instead of all at its first second. A {@code Retry-After}
 * longer than the time left ends the fetch at once, as rate limiting, or, where the provider was
 * told to ({@code fallbackOnRateLimit}), as Doppler being unavailable, so that the fallback file
 * stands in.
 */
final class DopplerClient {
  /** The largest body read: 4 MiB, far above any config (Doppler's own limit is 64 KiB a secret). */
  static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

  private static final int MAX_ERROR_BODY = 4096;

  private final OkHttpClient http;
  private final FetchLimits limits;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Sleeper sleeper;
  private final boolean rateLimitIsUnavailable;

  DopplerClient(OkHttpClient http, FetchLimits limits, Duration initialBackoff, Duration maxBackoff, Sleeper sleeper,
      boolean rateLimitIsUnavailable) {
    this.http = http;
    this.limits = limits;
    this.initialBackoff = initialBackoff;
    this.maxBackoff = maxBackoff;
    this.sleeper = sleeper;
    this.rateLimitIsUnavailable = rateLimitIsUnavailable;
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
   *     redirect, a body that is not Doppler's JSON or is too large) and for rate limiting that
   *     outlasts the limits
   * @throws DopplerUnavailableException if Doppler stayed unreachable or kept answering 5xx
   * @throws InterruptedException if the load gave up; the call in flight is cancelled
   */
  Download download(DopplerTarget target, String etag)
      throws ProviderException, DopplerUnavailableException, InterruptedException {
    long deadline = System.nanoTime() + limits.timeout().toNanos();
    for (int attempt = 1; ; attempt++) {
      RetryableFailure failure;
      try {
        return attempt(target, etag, deadline);
      } catch (RetryableFailure e) {
        failure = e;
      }
      String attempts = attempt + (attempt == 1 ? " attempt" : " attempts");
      Duration left = FetchLimits.remaining(deadline);
      if (failure.retryAfter != null && failure.retryAfter.compareTo(left) > 0) {
        String message = failure.getMessage() + "; it asked to wait " + FetchLimits.format(failure.retryAfter)
            + ", more than the " + FetchLimits.format(wholeSeconds(left)) + " left of the " + FetchLimits.format(limits.timeout())
            + " time limit (" + attempts + ")";
        if (rateLimitIsUnavailable) {
          throw new DopplerUnavailableException(message, null);
        }
        throw new ProviderException(message);
      }
      Duration wait = failure.retryAfter != null ? spread(failure.retryAfter, left) : backoff(attempt - 1);
      boolean outOfAttempts = attempt >= limits.maxAttempts();
      if (outOfAttempts || wait.compareTo(left) >= 0) {
        String message = failure.getMessage() + " (" + attempts
            + (outOfAttempts ? "" : ", stopped by the " + FetchLimits.format(limits.timeout()) + " time limit") + ")";
        if (failure.unavailable || (failure.retryAfter != null && rateLimitIsUnavailable)) {
          throw new DopplerUnavailableException(message, failure.getCause());
        }
        throw new ProviderException(message, failure.getCause());
      }
      sleeper.sleep(wait);
    }
  }

  private Download attempt(DopplerTarget target, String etag, long deadline)
      throws ProviderException, RetryableFailure, InterruptedException {
    Request.Builder request =
        new Request.Builder()
            .url(target.downloadUrl())
            .header("Authorization", "Bearer " + target.token())
            .header("Accept", "application/json")
            .header("User-Agent", "envelope-doppler");
    if (etag != null) {
      request.header("If-None-Match", etag);
    }
    Duration left = FetchLimits.remaining(deadline);
    Duration limit = left.compareTo(limits.attemptTimeout()) < 0 ? left : limits.attemptTimeout();
    HttpExchange.Answer answer;
    try {
      answer = HttpExchange.run(http.newCall(request.build()), limit.isZero() ? Duration.ofMillis(1) : limit,
          MAX_BODY_BYTES, MAX_ERROR_BODY);
    } catch (IOException e) {
      throw new RetryableFailure(describe(target, e, limit), true, null, e);
    }
    int code = answer.code();
    if (code == 200) {
      if (answer.tooLarge()) {
        throw new ProviderException("Doppler's response for " + target.configLabel() + " is larger than "
            + MAX_BODY_BYTES / (1024 * 1024) + " MiB, the most this provider reads");
      }
      try {
        return new Download(SecretsJson.parseSecrets(answer.body()), answer.etag(), false);
      } catch (SecretsJson.MalformedException e) {
        throw new ProviderException(
            "Doppler's response for " + target.configLabel() + " is not a JSON object of strings: " + e.getMessage());
      }
    }
    if (code == 304 && etag != null) {
      return Download.notModifiedSince();
    }
    if (code >= 300 && code < 400) {
      throw new ProviderException("Doppler at " + host(target) + " answered " + code + ", redirecting to "
          + target.redact(authorityOf(answer.location())) + "; redirects are not followed, so that the token never"
          + " leaves the configured API host: set DOPPLER_API_HOST to the address that serves the API");
    }
    String detail = detail(target, answer.body());
    if (code == 429) {
      Duration retryAfter = retryAfter(answer.retryAfter());
      throw new RetryableFailure(
          "Doppler is rate-limiting the token " + target.tokenKind() + " (429)" + detail, false, retryAfter, null);
    }
    if (code >= 500) {
      throw new RetryableFailure("Doppler answered " + code + detail, true, null, null);
    }
    throw new ProviderException(rejection(target, code, detail));
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

  private static String detail(DopplerTarget target, byte[] body) {
    String messages = target.redact(SecretsJson.errorMessages(new String(body, StandardCharsets.UTF_8)));
    return messages.isEmpty() ? "" : ": " + messages;
  }

  private static String host(DopplerTarget target) {
    return target.apiHost().host() + ":" + target.apiHost().port();
  }

  private static String authorityOf(String location) {
    if (location == null) {
      return "no Location";
    }
    try {
      URI uri = URI.create(location.strip());
      return uri.getAuthority() == null ? "a path on the same host" : uri.getScheme() + "://" + uri.getAuthority();
    } catch (IllegalArgumentException e) {
      return "a malformed Location";
    }
  }

  private static String describe(DopplerTarget target, IOException e, Duration limit) {
    String host = host(target);
    if (e instanceof HttpExchange.TimedOut || e instanceof SocketTimeoutException
        || "timeout".equals(e.getMessage()) || "Canceled".equals(e.getMessage())) {
      return "Doppler at " + host + " did not answer within " + FetchLimits.format(limit);
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

  /**
   * Returns the wait for a {@code Retry-After} of {@code retryAfter}: that long plus a random part of
   * up to half as long again, never past {@code left} (which {@code retryAfter} does not exceed).
   */
  static Duration spread(Duration retryAfter, Duration left) {
    long extra = Math.min(retryAfter.toMillis() / 2, left.minus(retryAfter).toMillis());
    return extra <= 0 ? retryAfter : retryAfter.plusMillis(ThreadLocalRandom.current().nextLong(extra + 1));
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

  private static Duration wholeSeconds(Duration duration) {
    return duration.toSeconds() >= 1 ? Duration.ofSeconds(duration.toSeconds()) : duration;
  }
}
