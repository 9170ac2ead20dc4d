package dev.envelope.internal.schema;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Parses durations in the short form people write in environments ({@code 500ms}, {@code 15m},
 * {@code 7d}, {@code 1h30m}) and in ISO-8601 ({@code PT15M}).
 */
public final class DurationParser {
  private static final String EXPECTED =
      "is not a duration: use a number with a unit (500ms, 30s, 15m, 2h, 7d, 1h30m) or ISO-8601 (PT15M)";

  private DurationParser() {}

  static Duration parse(String text) {
    String trimmed = text.trim();
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException(EXPECTED);
    }
    char first = Character.toUpperCase(trimmed.charAt(0));
    if (first == 'P' || ((first == '-' || first == '+') && trimmed.length() > 1 && Character.toUpperCase(trimmed.charAt(1)) == 'P')) {
      try {
        return Duration.parse(trimmed);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(EXPECTED, e);
      }
    }
    return parseShort(trimmed.toLowerCase(Locale.ROOT));
  }

  private static Duration parseShort(String text) {
    Duration total = Duration.ZERO;
    int i = 0;
    while (i < text.length()) {
      int start = i;
      while (i < text.length() && Character.isDigit(text.charAt(i))) {
        i++;
      }
      if (start == i) {
        throw new IllegalArgumentException(EXPECTED);
      }
      long amount;
      try {
        amount = Long.parseLong(text, start, i, 10);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(EXPECTED, e);
      }
      int unitStart = i;
      while (i < text.length() && Character.isLetter(text.charAt(i))) {
        i++;
      }
      String unit = text.substring(unitStart, i);
      try {
        total = total.plus(of(amount, unit));
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException("is too long a duration", e);
      }
    }
    return total;
  }

  private static Duration of(long amount, String unit) {
    switch (unit) {
      case "ns":
        return Duration.ofNanos(amount);
      case "us":
        return Duration.ofNanos(Math.multiplyExact(amount, 1000L));
      case "ms":
        return Duration.ofMillis(amount);
      case "s":
        return Duration.ofSeconds(amount);
      case "m":
        return Duration.ofMinutes(amount);
      case "h":
        return Duration.ofHours(amount);
      case "d":
        return Duration.ofDays(amount);
      case "w":
        return Duration.ofDays(Math.multiplyExact(amount, 7L));
      default:
        // A bare number is ambiguous (seconds? milliseconds?), so it is refused rather than guessed.
        throw new IllegalArgumentException(EXPECTED);
    }
  }
}
