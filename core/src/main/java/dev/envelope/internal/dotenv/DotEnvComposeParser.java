package dev.envelope.internal.dotenv;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code .env} content as {@code docker compose --env-file} does (the {@code dotenv} package
 * of compose-go): a name alone on a line inherits from the environment, {@code KEY:value} needs no
 * space, an unquoted value ends at a space followed by {@code #}, both quotes take {@code \'} and
 * {@code \"}, double quotes take shell escapes ({@code \a \b \f \n \r \t \v \\ \$ \0NNN}), and text
 * after a closing quote starts the next statement. Values are left for {@link
 * DotEnvComposeExpander}. Every error names its line and never quotes the line's text.
 */
public final class DotEnvComposeParser {
  private static final String NAME_CHARS = "a name is made of letters, digits, '_', '.', '-', '[' and ']'";

  private final String text;
  private final String source;
  private int pos;
  private int line = 1;
  private int lineStart;

  private DotEnvComposeParser(String text, String source) {
    this.text = text;
    this.source = source;
  }

  /** Returns the entries of {@code content} in file order; a leading byte order mark is dropped. */
  static List<DotEnvEntry> parse(String content, String source) {
    String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
    return new DotEnvComposeParser(text, source).entries();
  }

  private List<DotEnvEntry> entries() {
    List<DotEnvEntry> entries = new ArrayList<>();
    while (statementStart()) {
      DotEnvEntry entry = entry();
      if (entry != null) {
        entries.add(entry);
      }
    }
    return entries;
  }

  /** Skips white space and comment lines; returns false at the end of the text. */
  private boolean statementStart() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '#') {
        int end = text.indexOf('\n', pos);
        if (end < 0) {
          pos = text.length();
          return false;
        }
        pos = end;
      } else if (isGoSpace(c)) {
        advance();
      } else {
        return true;
      }
    }
    return false;
  }

  /** Reads one statement; returns null for an inherit line without a name. */
  private DotEnvEntry entry() {
    int keyLine = line;
    skipExport();
    int start = pos;
    char separator = 0;
    while (pos < text.length()) {
      int cp = text.codePointAt(pos);
      if (cp == '=' || cp == ':' || cp == '\n') {
        separator = (char) cp;
        break;
      }
      if (!isSpace(cp) && !isNameChar(cp)) {
        throw error(keyLine, cp == 0xFEFF
            ? "a byte order mark (U+FEFF) at column " + column() + ", where a name was expected: the file"
                + " looks like two files joined; remove it"
            : "invalid character at column " + column() + " in a variable name: " + NAME_CHARS);
      }
      pos += Character.charCount(cp);
    }
    String key = trimEnd(text.substring(start, pos));
    if (key.indexOf(' ') >= 0) {
      throw error(keyLine, "a variable name cannot contain a space");
    }
    if (separator == 0 || separator == '\n') {
      // A name alone: Compose inherits it. (At the very end of a file without a newline, compose-go
      // reads the name as a value with an empty key, which no one means: read it as inherited too.)
      if (separator == '\n') {
        advance();
      }
      return key.isEmpty() ? null : new DotEnvEntry(key, "", keyLine, false, true);
    }
    if (key.isEmpty()) {
      throw error(keyLine, "missing name before '" + separator + "'");
    }
    pos++;
    while (pos < text.length() && isSpace(text.charAt(pos))) {
      pos++;
    }
    if (pos < text.length() && (text.charAt(pos) == '"' || text.charAt(pos) == '\'')) {
      return quoted(key, keyLine, text.charAt(pos));
    }
    return unquoted(key, keyLine);
  }

  /** Skips {@code export} followed by white space, as compose-go's {@code ^export\s+} does. */
  private void skipExport() {
    int after = pos + "export".length();
    if (!text.startsWith("export", pos) || after >= text.length() || " \t\n\f\r".indexOf(text.charAt(after)) < 0) {
      return;
    }
    pos = after;
    while (pos < text.length() && isSpace(text.charAt(pos))) {
      pos++;
    }
  }

  private DotEnvEntry unquoted(String key, int keyLine) {
    int end = text.indexOf('\n', pos);
    if (end < 0) {
      end = text.length();
    }
    String value = text.substring(pos, end);
    int comment = value.indexOf(" #");
    if (comment >= 0) {
      value = value.substring(0, comment);
    }
    pos = end;
    if (pos < text.length()) {
      advance();
    }
    String trimmed = trimEnd(value);
    return trimmed.trim().isEmpty() ? DotEnvEntry.blank(key, keyLine) : new DotEnvEntry(key, trimmed, keyLine, true, false);
  }

  /**
   * Reads a value between {@code quote}s, which may span lines; a backslash before the quote keeps
   * the quote, before anything else it stays for the escapes of double quotes.
   */
  private DotEnvEntry quoted(String key, int keyLine, char quote) {
    int openLine = line;
    StringBuilder value = new StringBuilder();
    boolean escape = false;
    pos++;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == quote && !escape) {
        pos++;
        String raw = value.toString();
        return quote == '"'
            ? new DotEnvEntry(key, escapes(raw), keyLine, true, false)
            : new DotEnvEntry(key, raw, keyLine, false, false);
      }
      if (c == '\n') {
        line++;
        lineStart = pos + 1;
      }
      pos++;
      if (c == '\\' && !escape) {
        escape = true;
        continue;
      }
      if (escape && c != quote) {
        value.append('\\');
      }
      escape = false;
      value.append(c);
    }
    throw error(openLine, "unterminated " + (quote == '"' ? "double" : "single") + "-quoted value of " + key
        + ": the " + quote + " opened on this line is never closed");
  }

  /**
   * Applies the escapes of a double-quoted value; {@code \$} becomes {@code $$}, the expander's
   * literal dollar. An escape that is not one stays as written.
   */
  static String escapes(String raw) {
    if (raw.indexOf('\\') < 0) {
      return raw;
    }
    StringBuilder out = new StringBuilder(raw.length());
    int i = 0;
    while (i < raw.length()) {
      char c = raw.charAt(i);
      if (c != '\\' || i + 1 >= raw.length()) {
        out.append(c);
        i++;
        continue;
      }
      char next = raw.charAt(i + 1);
      String replacement = switch (next) {
        case 'a' -> "\u0007";
        case 'b' -> "\b";
        case 'f' -> "\f";
        case 'n' -> "\n";
        case 'r' -> "\r";
        case 't' -> "\t";
        case 'v' -> "\u000B";
        case '$' -> "$$";
        case '"' -> "\"";
        case '\\' -> "\\";
        case 'c' -> "\\c";
        default -> null;
      };
      if (replacement != null) {
        out.append(replacement);
        i += 2;
      } else if (next == '0') {
        int end = i + 2;
        while (end < raw.length() && end < i + 5 && raw.charAt(end) >= '0' && raw.charAt(end) <= '9') {
          end++;
        }
        out.append(octal(raw.substring(i, end)));
        i = end;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /** Returns the character of {@code \0NNN} (three octal digits, at most 255), else the text as is. */
  private static String octal(String escape) {
    String digits = escape.substring(2);
    if (digits.length() != 3) {
      return escape;
    }
    int value = 0;
    for (int k = 0; k < 3; k++) {
      char d = digits.charAt(k);
      if (d > '7') {
        return escape;
      }
      value = value * 8 + (d - '0');
    }
    return value > 255 ? escape : String.valueOf((char) value);
  }

  /** compose-go's blank: white space that is not a line break. */
  private static boolean isSpace(int c) {
    return c == '\t' || c == '\u000B' || c == '\f' || c == '\r' || c == ' ' || c == 0x85 || c == 0xA0;
  }

  /** The rest of Go's {@code unicode.IsSpace} beyond Latin-1. */
  private static boolean isUnicodeSpace(int c) {
    return c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F
        || c == 0x205F || c == 0x3000;
  }

  private static boolean isGoSpace(int c) {
    return (c >= '\t' && c <= '\r') || c == ' ' || c == 0x85 || c == 0xA0 || isUnicodeSpace(c);
  }

  private static boolean isNameChar(int c) {
    if (c == '_' || c == '.' || c == '-' || c == '[' || c == ']' || Character.isLetter(c)) {
      return true;
    }
    int type = Character.getType(c);
    return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
        || type == Character.OTHER_NUMBER;
  }

  private static String trimEnd(String s) {
    int end = s.length();
    while (end > 0 && isGoSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end);
  }

  private void advance() {
    if (text.charAt(pos) == '\n') {
      line++;
      lineStart = pos + 1;
    }
    pos++;
  }

  private int column() {
    return pos - lineStart + 1;
  }

  private DotEnvSyntaxException error(int atLine, String detail) {
    return new DotEnvSyntaxException(source, atLine, null, detail);
  }
}
