package dev.envelope.internal.dotenv;

import dev.envelope.DotEnvSyntax;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Parses {@code .env} content with the rules of the {@code dotenv} npm package (see {@code
 * docs/dotenv.md}), but fails on a malformed line where the package silently skips it.
 *
 * <p>A hand-written scanner over the whole text rather than a line regex: quoted values span lines,
 * and every error must name the line where the problem starts. Instances are single-use; the static
 * methods are thread-safe.
 */
public final class DotEnvParser {
  private static final String KEY_CHARS = "a key is made of ASCII letters, digits, '_', '.' and '-'";

  private final String text;
  private final String source;
  private int pos;
  private int line = 1;
  private int lineStart;

  private DotEnvParser(String text, String source) {
    this.text = text;
    this.source = source;
  }

  /**
   * Returns the entries of {@code content} in file order; duplicate keys are all kept (the later one
   * wins when merged).
   *
   * @param source the file name used in error messages, e.g. {@code .env.local}
   * @throws DotEnvSyntaxException for the first malformed line; nothing is returned then
   */
  public static List<DotEnvEntry> parse(String content, String source) {
    return parse(content, source, DotEnvSyntax.DOTENV);
  }

  /**
   * Returns the entries of {@code content} read with {@code syntax}, in file order.
   *
   * @throws DotEnvSyntaxException for the first malformed line; nothing is returned then
   */
  public static List<DotEnvEntry> parse(String content, String source, DotEnvSyntax syntax) {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(source, "source");
    return syntax == DotEnvSyntax.COMPOSE
        ? DotEnvComposeParser.parse(content, source)
        : new DotEnvParser(normalize(content), source).entries();
  }

  /**
   * Parses and expands one file: returns an unmodifiable map in file order (a duplicate key keeps the
   * position of its first occurrence and the value of its last), with references expanded against
   * {@code environment} first, then the file's own entries.
   *
   * @throws DotEnvSyntaxException if a line is malformed or references cannot be expanded
   */
  public static Map<String, String> parseAndExpand(
      String content, String source, Map<String, String> environment) {
    return parseAndExpand(content, source, environment, DotEnvSyntax.DOTENV);
  }

  /**
   * Parses and expands one file with {@code syntax}; see {@link #parseAndExpand(String, String,
   * Map)}.
   *
   * @throws DotEnvSyntaxException if a line is malformed, references cannot be expanded, or a {@code
   *     ${NAME?message}} names an unset variable
   */
  public static Map<String, String> parseAndExpand(
      String content, String source, Map<String, String> environment, DotEnvSyntax syntax) {
    Objects.requireNonNull(environment, "environment");
    DotEnvExpansion expansion =
        DotEnvExpansion.of(syntax, Map.of(source, parse(content, source, syntax)), environment::get);
    if (!expansion.problems().isEmpty()) {
      throw expansion.problems().get(0).toException();
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, DotEnvExpansion.Value> entry : expansion.values(source).entrySet()) {
      values.put(entry.getKey(), entry.getValue().value());
    }
    return java.util.Collections.unmodifiableMap(values);
  }

  /** Drops a byte order mark and turns CRLF and lone CR into LF, inside quotes too, as dotenv does. */
  private static String normalize(String content) {
    String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
    return text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n").replace('\r', '\n');
  }

  private List<DotEnvEntry> entries() {
    List<DotEnvEntry> entries = new ArrayList<>();
    while (pos < text.length()) {
      skipBlanks();
      if (atLineEnd()) {
        nextLine();
      } else if (peek() == '#') {
        skipToLineEnd();
        nextLine();
      } else {
        entries.add(entry());
        nextLine();
      }
    }
    return entries;
  }

  /** Reads one entry, leaving the position at the end of its last line. */
  private DotEnvEntry entry() {
    int keyLine = line;
    skipExportPrefix();
    String key = key();
    skipBlanks();
    if (atLineEnd()) {
      // The "key" may be a pasted secret on a line of its own: never echo it.
      throw error(line, null, "not a KEY=value line: no '=' or ':' after the name");
    }
    char separator = peek();
    if (separator != '=' && separator != ':') {
      throw error(line, null, "expected '=' or ':' after the key, found more text at column " + column());
    }
    pos++;
    if (separator == ':' && !atLineEnd() && !isBlank(peek())) {
      // Not the key's name: "id:secret" may be a pasted credential.
      throw error(line, null, "':' after the name must be followed by a space (KEY: value)");
    }
    int afterSeparator = pos;
    skipBlanks();
    if (atLineEnd()) {
      return DotEnvEntry.blank(key, keyLine);
    }
    char first = peek();
    if (first == '#') {
      skipToLineEnd();
      // KEY=   # comment is a template's line left blank; KEY=#fff is a value that dotenv reads as a
      // comment, which stays the empty string it reads.
      return isBlank(text.charAt(afterSeparator))
          ? DotEnvEntry.blank(key, keyLine)
          : new DotEnvEntry(key, "", keyLine, true);
    }
    if (first == '"' || first == '\'' || first == '`') {
      return new DotEnvEntry(key, quoted(key, first), keyLine, first != '\'');
    }
    return new DotEnvEntry(key, unquoted(), keyLine, true);
  }

  /** Skips {@code export } when it prefixes a key; {@code export=1} is the key {@code export}. */
  private void skipExportPrefix() {
    if (!text.startsWith("export", pos)) {
      return;
    }
    int after = pos + "export".length();
    if (after >= text.length() || !isBlank(text.charAt(after))) {
      return;
    }
    int next = after;
    while (next < text.length() && isBlank(text.charAt(next))) {
      next++;
    }
    if (next < text.length() && isKeyChar(text.charAt(next))) {
      pos = next;
    }
  }

  private String key() {
    int start = pos;
    while (pos < text.length() && isKeyChar(text.charAt(pos))) {
      pos++;
    }
    if (pos == start && !atLineEnd() && (peek() == '=' || peek() == ':')) {
      throw error(line, null, "missing key before '" + peek() + "'");
    }
    if (!atLineEnd() && !isBlank(peek()) && peek() != '=' && peek() != ':') {
      throw error(line, null, "invalid character at column " + column() + ": " + KEY_CHARS);
    }
    return text.substring(start, pos);
  }

  /**
   * Reads a value between {@code quote}s, which may span lines, and what may follow it on the closing
   * line (blanks and a comment).
   */
  private String quoted(String key, char quote) {
    int openLine = line;
    pos++;
    StringBuilder value = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw error(openLine, key, "unterminated " + quoteName(quote) + " value of " + key
            + ": the " + quote + " opened on this line is never closed");
      }
      char c = text.charAt(pos);
      if (c == quote) {
        pos++;
        break;
      }
      if (c == '\n') {
        value.append(c);
        pos++;
        line++;
        lineStart = pos;
      } else if (c == '\\' && quote == '\'' && pos + 1 < text.length() && text.charAt(pos + 1) == '\'') {
        // As in the npm package: \' does not close a single-quoted value, and stays as written.
        value.append("\\'");
        pos += 2;
      } else if (c == '\\' && quote == '"') {
        doubleQuotedEscape(value);
      } else if (c == '\\' && quote == '`') {
        backslash(value);
      } else {
        value.append(c);
        pos++;
      }
    }
    skipBlanks();
    if (!atLineEnd() && peek() != '#') {
      String opened = openLine == line ? "" : " (the value opened on line " + openLine + ")";
      throw error(line, key, "unexpected text at column " + column() + " after the closing "
          + quote + " of " + key + opened);
    }
    skipToLineEnd();
    return value.toString();
  }

  /** Applies one backslash escape of a double-quoted value; unknown escapes stay as written. */
  private void doubleQuotedEscape(StringBuilder value) {
    char next = pos + 1 < text.length() ? text.charAt(pos + 1) : '\0';
    switch (next) {
      case 'n' -> value.append('\n');
      case 'r' -> value.append('\r');
      case 't' -> value.append('\t');
      case '"' -> value.append('"');
      case '\\' -> value.append("\\\\");
      case '$' -> value.append("\\$");
      default -> {
        value.append("\\\\");
        pos++;
        return;
      }
    }
    pos += 2;
  }

  /** Copies a backslash of an unquoted or backtick value, keeping {@code \$} for the expander. */
  private void backslash(StringBuilder value) {
    boolean dollar = pos + 1 < text.length() && text.charAt(pos + 1) == '$';
    value.append(dollar ? "\\$" : "\\\\");
    pos += dollar ? 2 : 1;
  }

  /**
   * Reads an unquoted value up to the end of the line or a {@code #} preceded by a blank (which
   * starts a comment), without surrounding blanks.
   */
  private String unquoted() {
    StringBuilder value = new StringBuilder();
    int trimmedLength = 0;
    while (!atLineEnd()) {
      char c = peek();
      if (c == '#' && isBlank(text.charAt(pos - 1))) {
        skipToLineEnd();
        break;
      }
      if (c == '\\') {
        backslash(value);
      } else {
        value.append(c);
        pos++;
      }
      if (!isBlank(c)) {
        trimmedLength = value.length();
      }
    }
    value.setLength(trimmedLength);
    return value.toString();
  }

  private static String quoteName(char quote) {
    return switch (quote) {
      case '"' -> "double-quoted";
      case '\'' -> "single-quoted";
      default -> "backtick-quoted";
    };
  }

  private static boolean isKeyChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '_' || c == '.' || c == '-';
  }

  /** A space or tab; also a byte order mark, which the npm package's {@code \s} matches too. */
  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\f' || c == '\u000B' || c == '\uFEFF';
  }

  private char peek() {
    return text.charAt(pos);
  }

  private boolean atLineEnd() {
    return pos >= text.length() || text.charAt(pos) == '\n';
  }

  private void skipBlanks() {
    while (pos < text.length() && isBlank(text.charAt(pos))) {
      pos++;
    }
  }

  private void skipToLineEnd() {
    while (!atLineEnd()) {
      pos++;
    }
  }

  private void nextLine() {
    if (pos < text.length()) {
      pos++;
      line++;
      lineStart = pos;
    }
  }

  private int column() {
    return pos - lineStart + 1;
  }

  private DotEnvSyntaxException error(int atLine, String key, String detail) {
    return new DotEnvSyntaxException(source, atLine, key, detail);
  }
}
