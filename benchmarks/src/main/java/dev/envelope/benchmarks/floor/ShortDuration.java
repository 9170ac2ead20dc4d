package dev.envelope.benchmarks.floor;

import java.time.Duration;

/**
 * Parses a duration in the short form {@code 500ms}, {@code 15m}, {@code 7d}, {@code 1h30m}, or
 * ISO-8601: the hand-written conversion shared by the variants whose library has none.
 */
public final class ShortDuration {
  private ShortDuration() {}

  /**
   * Returns the duration {@code text} denotes.
   *
   * @throws IllegalArgumentException if {@code text} is neither form
   */
  public static Duration parse(String text) {
    String value = text.trim();
    if (value.startsWith("P") || value.startsWith("p") || value.startsWith("-P")) {
      return Duration.parse(value);
    }
    Duration total = Duration.ZERO;
    int i = 0;
    if (value.isEmpty()) {
      throw new IllegalArgumentException("empty duration");
    }
    while (i < value.length()) {
      int start = i;
      while (i < value.length() && Character.isDigit(value.charAt(i))) {
        i++;
      }
      if (start == i) {
        throw new IllegalArgumentException("not a duration: " + text);
      }
      long amount = Long.parseLong(value, start, i, 10);
      int unitStart = i;
      while (i < value.length() && Character.isLetter(value.charAt(i))) {
        i++;
      }
      switch (value.substring(unitStart, i)) {
        case "ms" -> total = total.plusMillis(amount);
        case "s" -> total = total.plusSeconds(amount);
        case "m" -> total = total.plusMinutes(amount);
        case "h" -> total = total.plusHours(amount);
        case "d" -> total = total.plusDays(amount);
        default -> throw new IllegalArgumentException("not a duration: " + text);
      }
    }
    return total;
  }
}
