package dev.envelope.internal.dotenv;

import java.util.Objects;

/**
 * One entry of a {@code .env} file, before expansion.
 *
 * <p>For an expandable entry, {@code rawValue} is a template for {@link DotEnvExpander}: quotes are
 * removed and the escapes of double quotes ({@code \n \r \t \" \\}) are applied, but every literal
 * backslash is written {@code \\} and an escaped dollar {@code \$}, so that {@code "a\\$HOME"} (a
 * backslash, then a reference) and {@code "a\$HOME"} (the text {@code $HOME}) stay distinct. For a
 * single-quoted entry ({@code expandable == false}) {@code rawValue} is the value, character for
 * character: the shell expands nothing between single quotes, and neither do we.
 *
 * @param key the variable's name
 * @param rawValue the value as described above
 * @param line the 1-based line on which the key starts
 * <p>In the Compose syntax, {@code rawValue} is a template for {@link DotEnvComposeExpander}
 * instead: {@code $$} is a literal dollar, backslashes are plain text.
 *
 * @param expandable false for single-quoted values, which are never expanded
 * @param inherited true for a name alone on a line (Compose syntax): the value is the environment's,
 *     and {@code rawValue} is empty
 * @param blank true for {@code KEY=} with nothing after the {@code =} (but blanks or a comment), the
 *     line a template such as {@code .env.example} leaves to be filled in; {@code KEY=""} is not blank
 */
public record DotEnvEntry(String key, String rawValue, int line, boolean expandable, boolean inherited, boolean blank) {

  /** Creates an entry. */
  public DotEnvEntry {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(rawValue, "rawValue");
  }

  /** Creates an entry that is not blank. */
  public DotEnvEntry(String key, String rawValue, int line, boolean expandable, boolean inherited) {
    this(key, rawValue, line, expandable, inherited, false);
  }

  /** Creates an entry with a value of its own. */
  public DotEnvEntry(String key, String rawValue, int line, boolean expandable) {
    this(key, rawValue, line, expandable, false, false);
  }

  /** Creates the entry of a {@code KEY=} line with nothing after the {@code =}. */
  public static DotEnvEntry blank(String key, int line) {
    return new DotEnvEntry(key, "", line, true, false, true);
  }

  /**
   * Returns whether the value is {@code rawValue} as it stands: single-quoted, or without a reference
   * or an escape to expand. Most values are.
   */
  public boolean literal() {
    return !expandable || (rawValue.indexOf('$') < 0 && rawValue.indexOf('\\') < 0);
  }

  /**
   * Returns the value for display without expanding it: references and {@code \$} as written,
   * backslashes single. For a candidate shadowed by another file, or a value read before expansion.
   */
  public String unexpandedValue() {
    if (!expandable || rawValue.indexOf('\\') < 0) {
      return rawValue;
    }
    StringBuilder value = new StringBuilder(rawValue.length());
    for (int i = 0; i < rawValue.length(); i++) {
      char c = rawValue.charAt(i);
      value.append(c);
      if (c == '\\' && i + 1 < rawValue.length() && rawValue.charAt(i + 1) == '\\') {
        i++;
      }
    }
    return value.toString();
  }
}
