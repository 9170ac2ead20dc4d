package dev.envelope;

import dev.envelope.internal.DotEnvParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Parses {@code .env} content with the rules of the {@code dotenv} npm package: {@code KEY=value},
 * {@code export}, comments, single, double and backtick quotes, multiline values, escapes in double
 * quotes, {@code ${VAR}} expansion. See {@code docs/dotenv.md} for every rule.
 */
public final class DotEnv {
  private DotEnv() {}

  /**
   * Returns the entries of {@code content}, in file order, with later duplicates winning and
   * references expanded against the entries and {@code environment}.
   *
   * @param content the text of a {@code .env} file
   * @param environment the variables {@code ${VAR}} may refer to besides the file's own entries
   * @throws IllegalArgumentException if a line is malformed or references form a cycle; the message
   *     names the line
   */
  public static Map<String, String> parse(String content, Map<String, String> environment) {
    return DotEnvParser.parseAndExpand(content, "(string)", environment);
  }

  /** Returns the entries of {@code content} with no environment to expand against. */
  public static Map<String, String> parse(String content) {
    return parse(content, Map.of());
  }

  /**
   * Returns the entries of the file at {@code path}; see {@link #parse(String, Map)}. Problems name
   * the file and line.
   *
   * @throws UncheckedIOException if the file cannot be read
   */
  public static Map<String, String> parse(Path path, Map<String, String> environment) {
    try {
      return DotEnvParser.parseAndExpand(Files.readString(path), path.toString(), environment);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }
}
