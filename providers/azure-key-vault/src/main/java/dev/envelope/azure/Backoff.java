package dev.envelope.azure;

import com.azure.core.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Says how long to wait before the next attempt: what Key Vault asked for ({@code Retry-After} in
 * seconds or as a date, or {@code retry-after-ms}), else an exponential backoff from 250 ms, doubled
 * per attempt up to 4 s, with full jitter so that many instances starting together spread out.
 */
final class Backoff {
  private static final long BASE_MILLIS = 250;
  private static final long CAP_MILLIS = 4_000;

  private Backoff() {}

  /** Returns the wait the service asked for in {@code response}, or {@code null} if it asked none. */
  static Duration requested(HttpResponse response) {
    if (response == null) {
      return null;
    }
    for (String header : new String[] {"retry-after-ms", "x-ms-retry-after-ms"}) {
      String millis = response.getHeaderValue(header);
      if (millis != null) {
        try {
          return Duration.ofMillis(Math.max(0, Long.parseLong(millis.strip())));
        } catch (NumberFormatException e) {
          // fall through to Retry-After
        }
      }
    }
    String value = response.getHeaderValue("Retry-After");
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
    } catch (NumberFormatException e) {
      try {
        Duration until = Duration.between(
            ZonedDateTime.now(), ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME));
        return until.isNegative() ? Duration.ZERO : until;
      } catch (RuntimeException notADate) {
        return null;
      }
    }
  }

  /** Returns the wait after failed attempt number {@code attempt} (1 for the first). */
  static Duration after(int attempt, Duration requested) {
    if (requested != null) {
      // Wait what was asked, plus a little so that instances told the same do not return together.
      return requested.plusMillis(ThreadLocalRandom.current().nextLong(0, BASE_MILLIS / 5 + 1));
    }
    long ceiling = Math.min(CAP_MILLIS, BASE_MILLIS << Math.min(attempt - 1, 10));
    return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
  }
}
