package dev.envelope;

import dev.envelope.internal.dotenv.DotEnvParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Parses {@code .env} content, by default with the rules of the {@code dotenv} npm package: {@code
 * KEY=value}, {@code export}, comments, single, double and backtick quotes, multiline values, escapes
 * in double quotes, {@code ${VAR}} expansion; or with Docker Compose's ({@link DotEnvSyntax#COMPOSE}).
 * See {@code docs/dotenv.md} for every rule of both.
 */
public final class DotEnv {
  private DotEnv() {}

  /**
   * Returns the entries of {@code content}, in file order, with later duplicates winning and
   * references expanded against the entries and {@code environment}.
   *
   * @param content the text of a {@code .env} file
   * @param environment the variables {@code ${VAR}} may refer to besides the file's own entries
   * @throws IllegalArgumentException if a line is malformed, references form a cycle or exceed the
   *     limits, or a {@code ${VAR?message}} names an unset variable; the message names the line
   */
  public static Map<String, String> parse(String content, Map<String, String> environment) {
    return parse(content, environment, DotEnvSyntax.DOTENV);
  }

  /**
   * Returns the entries of {@code content} read with {@code syntax}; see {@link #parse(String,
   * Map)}. With {@link DotEnvSyntax#COMPOSE}, a name alone on a line takes its value from {@code
   * environment}, and is left out if {@code environment} does not set it.
   *
   * @throws IllegalArgumentException as {@link #parse(String, Map)} does
   */
  public static Map<String, String> parse(String content, Map<String, String> environment, DotEnvSyntax syntax) {
    return DotEnvParser.parseAndExpand(content, "(string)", environment, Objects.requireNonNull(syntax, "syntax"));
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
    return parse(path, environment, DotEnvSyntax.DOTENV);
  }

  /**
   * Returns the entries of the file at {@code path} read with {@code syntax}; see {@link
   * #parse(String, Map, DotEnvSyntax)}.
   *
   * @throws UncheckedIOException if the file cannot be read
   */
  public static Map<String, String> parse(Path path, Map<String, String> environment, DotEnvSyntax syntax) {
    Objects.requireNonNull(syntax, "syntax");
    try {
      return DotEnvParser.parseAndExpand(Files.readString(path), path.toString(), environment, syntax);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }
}
