package dev.envelope.internal.dotenv;

/**
 * Thrown when {@code .env} content is malformed or its references cannot be expanded (a cycle, an
 * unterminated {@code ${}). The message starts with {@code source:line:} and never contains a value,
 * since a value may be a secret.
 */
public final class DotEnvSyntaxException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final int line;
  private final String key;

  /**
   * Creates an exception for a problem at {@code source:line}.
   *
   * @param key the variable concerned, or null when the line has no usable key
   * @param detail what is wrong, without any value
   */
  public DotEnvSyntaxException(String source, int line, String key, String detail) {
    super(source + ":" + line + ": " + detail);
    this.source = source;
    this.line = line;
    this.key = key;
  }

  /** Returns the name of the file (or other source) that holds the problem. */
  public String source() {
    return source;
  }

  /** Returns the 1-based line of the problem. */
  public int line() {
    return line;
  }

  /** Returns the variable concerned, or null when the line has no usable key. */
  public String key() {
    return key;
  }
}
