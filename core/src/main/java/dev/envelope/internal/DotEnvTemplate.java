package dev.envelope.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The parsed form of an expandable {@code .env} value: literal text and references ({@code $VAR},
 * {@code ${VAR}}, {@code ${VAR:-default}}, {@code ${VAR-default}}), where a default is itself a
 * template. Immutable.
 */
final class DotEnvTemplate {

  /** A piece of a template. */
  sealed interface Part permits Text, Reference {}

  /** Literal text. */
  record Text(String text) implements Part {}

  /** A reference to {@code name}; {@code fallback} is null when there is no default. */
  record Reference(String name, Fallback when, DotEnvTemplate fallback) implements Part {}

  /** When a reference's default applies. */
  enum Fallback {
    /** No default: an unset variable expands to "". */
    NEVER,
    /** {@code ${VAR-default}}: the default applies when the variable is unset. */
    UNSET,
    /** {@code ${VAR:-default}}: the default applies when the variable is unset or empty. */
    UNSET_OR_EMPTY
  }

  /** A reference that cannot be parsed; the caller adds the source, line and key. */
  static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed(String detail) {
      super(detail, null, false, false);
    }
  }

  private static final String UNCLOSED = "'${' is never closed by '}'";

  final List<Part> parts;

  private DotEnvTemplate(List<Part> parts) {
    this.parts = List.copyOf(parts);
  }

  /**
   * Parses {@code raw} in the form described by {@link DotEnvEntry}: {@code \\} is a backslash,
   * {@code \$} a dollar, and a {@code $} not followed by a name or {@code {} is a dollar too.
   */
  static DotEnvTemplate parse(String raw) throws Malformed {
    return new Reader(raw).template(false);
  }

  /** A recursive-descent reader; {@code inDefault} makes an unmatched {@code }} end the template. */
  private static final class Reader {
    private final String raw;
    private int pos;

    Reader(String raw) {
      this.raw = raw;
    }

    DotEnvTemplate template(boolean inDefault) throws Malformed {
      List<Part> parts = new ArrayList<>();
      StringBuilder text = new StringBuilder();
      while (pos < raw.length()) {
        char c = raw.charAt(pos);
        if (inDefault && c == '}') {
          break;
        }
        if (c == '\\' && pos + 1 < raw.length() && isEscapable(raw.charAt(pos + 1))) {
          text.append(raw.charAt(pos + 1));
          pos += 2;
        } else if (c == '$' && pos + 1 < raw.length() && raw.charAt(pos + 1) == '{') {
          flush(text, parts);
          parts.add(braced());
        } else if (c == '$' && pos + 1 < raw.length() && isNameStart(raw.charAt(pos + 1))) {
          flush(text, parts);
          int start = ++pos;
          while (pos < raw.length() && isNameChar(raw.charAt(pos))) {
            pos++;
          }
          parts.add(new Reference(raw.substring(start, pos), Fallback.NEVER, null));
        } else {
          text.append(c);
          pos++;
        }
      }
      flush(text, parts);
      return new DotEnvTemplate(parts);
    }

    /** Reads {@code ${NAME}}, {@code ${NAME:-default}} or {@code ${NAME-default}}. */
    private Reference braced() throws Malformed {
      pos += 2;
      int start = pos;
      while (pos < raw.length() && isBracedNameChar(raw.charAt(pos))) {
        pos++;
      }
      String name = raw.substring(start, pos);
      // Details never quote the name: an accidental "${" may sit inside a secret.
      if (pos >= raw.length()) {
        throw new Malformed(UNCLOSED);
      }
      if (name.isEmpty()) {
        throw new Malformed("'${' is not followed by a name (" + DotEnvExpander.NAME_CHARS + ")");
      }
      Fallback when;
      if (raw.charAt(pos) == '}') {
        pos++;
        return new Reference(name, Fallback.NEVER, null);
      } else if (raw.startsWith(":-", pos)) {
        when = Fallback.UNSET_OR_EMPTY;
        pos += 2;
      } else if (raw.charAt(pos) == '-') {
        when = Fallback.UNSET;
        pos += 1;
      } else {
        throw new Malformed("the name after '${' may only be followed by '}', ':-' or '-'"
            + " (supported: ${NAME}, ${NAME:-default}, ${NAME-default})");
      }
      DotEnvTemplate fallback = template(true);
      if (pos >= raw.length()) {
        throw new Malformed(UNCLOSED);
      }
      pos++;
      return new Reference(name, when, fallback);
    }

    private static void flush(StringBuilder text, List<Part> parts) {
      if (text.length() > 0) {
        parts.add(new Text(text.toString()));
        text.setLength(0);
      }
    }
  }

  private static boolean isEscapable(char c) {
    return c == '\\' || c == '$';
  }

  private static boolean isNameStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isNameChar(char c) {
    return isNameStart(c) || (c >= '0' && c <= '9');
  }

  private static boolean isBracedNameChar(char c) {
    return isNameChar(c) || c == '.';
  }
}
