package dev.envelope.internal.dotenv;

import java.util.ArrayList;
import java.util.List;

/**
 * The parsed form of an expandable {@code .env} value in the {@code dotenv} syntax: literal text and
 * references ({@code $VAR}, {@code ${VAR}}, {@code ${VAR<op>word}} with the operators {@code :- - :+
 * + :? ?}), where the word is itself a template. Immutable.
 */
public final class DotEnvTemplate {

  /** A piece of a template. */
  sealed interface Part permits Text, Reference {}

  /** Literal text. */
  record Text(String text) implements Part {}

  /**
   * A reference to {@code name}.
   *
   * @param braced whether it was written {@code ${NAME}} rather than {@code $NAME}
   * @param word the template after the operator; null for {@link Operator#NONE}
   * @param wordText the word as written, for the message of a {@code ?} operator
   */
  record Reference(String name, boolean braced, Operator operator, DotEnvTemplate word, String wordText)
      implements Part {}

  /** What a reference does with its word. */
  enum Operator {
    /** {@code $NAME}, {@code ${NAME}}: the value, or "" if unset. */
    NONE(""),
    /** {@code ${NAME-word}}: the word when the variable is unset. */
    DEFAULT_IF_UNSET("-"),
    /** {@code ${NAME:-word}}: the word when the variable is unset or empty. */
    DEFAULT_IF_EMPTY(":-"),
    /** {@code ${NAME+word}}: the word when the variable is set, else "". */
    ALTERNATE_IF_SET("+"),
    /** {@code ${NAME:+word}}: the word when the variable is set and not empty, else "". */
    ALTERNATE_IF_NOT_EMPTY(":+"),
    /** {@code ${NAME?word}}: a problem, with the word as its message, when the variable is unset. */
    REQUIRED_SET("?"),
    /** {@code ${NAME:?word}}: a problem when the variable is unset or empty. */
    REQUIRED_NOT_EMPTY(":?");

    final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }

    /** Returns the operator written at {@code pos} of {@code raw}, or null. */
    static Operator at(String raw, int pos) {
      if (pos >= raw.length()) {
        return null;
      }
      boolean colon = raw.charAt(pos) == ':';
      int at = colon ? pos + 1 : pos;
      if (at >= raw.length()) {
        return null;
      }
      return switch (raw.charAt(at)) {
        case '-' -> colon ? DEFAULT_IF_EMPTY : DEFAULT_IF_UNSET;
        case '+' -> colon ? ALTERNATE_IF_NOT_EMPTY : ALTERNATE_IF_SET;
        case '?' -> colon ? REQUIRED_NOT_EMPTY : REQUIRED_SET;
        default -> null;
      };
    }

    /** Returns whether the word applies to a variable whose value is {@code value} (null: unset). */
    boolean wordApplies(String value) {
      return switch (this) {
        case NONE -> false;
        case DEFAULT_IF_UNSET, REQUIRED_SET -> value == null;
        case DEFAULT_IF_EMPTY, REQUIRED_NOT_EMPTY -> value == null || value.isEmpty();
        case ALTERNATE_IF_SET -> value != null;
        case ALTERNATE_IF_NOT_EMPTY -> value != null && !value.isEmpty();
      };
    }

    boolean required() {
      return this == REQUIRED_SET || this == REQUIRED_NOT_EMPTY;
    }

    boolean alternate() {
      return this == ALTERNATE_IF_SET || this == ALTERNATE_IF_NOT_EMPTY;
    }
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
   *
   * @throws Malformed also when references nest more than {@value DotEnvLimits#MAX_DEPTH} deep
   */
  static DotEnvTemplate parse(String raw) throws Malformed {
    return new Reader(raw).template(false, 0);
  }

  /** A recursive-descent reader; {@code inWord} makes an unmatched {@code }} end the template. */
  private static final class Reader {
    private final String raw;
    private int pos;

    Reader(String raw) {
      this.raw = raw;
    }

    DotEnvTemplate template(boolean inWord, int depth) throws Malformed {
      List<Part> parts = new ArrayList<>();
      StringBuilder text = new StringBuilder();
      while (pos < raw.length()) {
        char c = raw.charAt(pos);
        if (inWord && c == '}') {
          break;
        }
        if (c == '\\' && pos + 1 < raw.length() && isEscapable(raw.charAt(pos + 1))) {
          text.append(raw.charAt(pos + 1));
          pos += 2;
        } else if (c == '$' && pos + 1 < raw.length() && raw.charAt(pos + 1) == '{') {
          flush(text, parts);
          parts.add(braced(depth));
        } else if (c == '$' && pos + 1 < raw.length() && isNameStart(raw.charAt(pos + 1))) {
          flush(text, parts);
          int start = ++pos;
          while (pos < raw.length() && isNameChar(raw.charAt(pos))) {
            pos++;
          }
          parts.add(new Reference(raw.substring(start, pos), false, Operator.NONE, null, null));
        } else {
          text.append(c);
          pos++;
        }
      }
      flush(text, parts);
      return new DotEnvTemplate(parts);
    }

    /** Reads {@code ${NAME}} or {@code ${NAME<op>word}}. */
    private Reference braced(int depth) throws Malformed {
      if (depth >= DotEnvLimits.MAX_DEPTH) {
        throw new Malformed("references nest more than " + DotEnvLimits.MAX_DEPTH + " levels deep");
      }
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
      if (raw.charAt(pos) == '}') {
        pos++;
        return new Reference(name, true, Operator.NONE, null, null);
      }
      Operator operator = Operator.at(raw, pos);
      if (operator == null) {
        throw new Malformed("the name after '${' may only be followed by '}' or an operator"
            + " (supported: ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:+alternate},"
            + " ${NAME+alternate}, ${NAME:?message}, ${NAME?message})");
      }
      pos += operator.symbol.length();
      int wordStart = pos;
      DotEnvTemplate word = template(true, depth + 1);
      if (pos >= raw.length()) {
        throw new Malformed(UNCLOSED);
      }
      String wordText = raw.substring(wordStart, pos);
      pos++;
      return new Reference(name, true, operator, word, wordText);
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
