package dev.envelope.internal.dotenv;

/**
 * Bounds on what expanding a {@code .env} file may cost, so that a hostile or mistaken file ends in
 * a problem naming its line rather than a {@code StackOverflowError} or {@code OutOfMemoryError}.
 * Documented in {@code docs/dotenv.md}.
 */
public final class DotEnvLimits {
  /**
   * How deep references may nest: a chain {@code A -> B -> C ...} and a default inside a default
   * inside a default count alike.
   */
  static final int MAX_DEPTH = 100;

  /** The longest value, in characters, that expanding an entry may produce (1 MiB). */
  static final int MAX_VALUE_LENGTH = 1 << 20;

  /** The most characters that expanding all the entries of a load may produce together (16 MiB). */
  static final long MAX_TOTAL_LENGTH = 16L << 20;

  private DotEnvLimits() {}

  static String valueTooLong(String key) {
    return "the value of " + key + " would be longer than " + MAX_VALUE_LENGTH
        + " characters once expanded (the limit)";
  }

  static String totalTooLong(String key) {
    return "expanding " + key + " takes the .env files' expanded values past " + MAX_TOTAL_LENGTH
        + " characters in all (the limit)";
  }
}
