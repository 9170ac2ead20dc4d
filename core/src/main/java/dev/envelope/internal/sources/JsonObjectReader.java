package dev.envelope.internal.sources;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a JSON object (RFC 8259) into its members, in order, keeping each scalar as text: strings
 * unescaped, numbers exactly as written, {@code true} and {@code false}; nested objects and arrays are
 * checked but not kept, and {@code null} is kept as null.
 *
 * <p>Core has no JSON library and needs no more than this to expand a secret. Errors say what is
 * wrong and where, never the text around it: the text is a secret.
 */
public final class JsonObjectReader {
  /** One member of the object; {@code value} is null for JSON {@code null}, and {@code structured} for an object or array. */
  public record Member(String key, String value, boolean structured) {
    @Override
    public String toString() {
      return "Member[" + key + "]";
    }
  }

  /** Thrown for text that is not one JSON object; the message never quotes the text. */
  public static final class MalformedJson extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedJson(String message) {
      super(message);
    }
  }

  // Deep enough for any real secret; bounds the recursion so hostile input cannot overflow the stack.
  private static final int MAX_DEPTH = 64;

  private final String text;
  private int at;

  private JsonObjectReader(String text) {
    this.text = text;
  }

  /** Returns the members of the object {@code text}, in order, duplicates included. */
  public static List<Member> read(String text) throws MalformedJson {
    JsonObjectReader reader = new JsonObjectReader(text);
    reader.skipWhitespace();
    if (!reader.peek('{')) {
      throw reader.malformed("expected a JSON object");
    }
    List<Member> members = reader.object();
    reader.skipWhitespace();
    if (reader.at < text.length()) {
      throw reader.malformed("unexpected text after the object");
    }
    return members;
  }

  private List<Member> object() throws MalformedJson {
    List<Member> members = new ArrayList<>();
    at++; // '{'
    skipWhitespace();
    if (consume('}')) {
      return members;
    }
    do {
      skipWhitespace();
      if (!peek('"')) {
        throw malformed("expected a quoted key");
      }
      String key = string();
      skipWhitespace();
      expect(':');
      skipWhitespace();
      if (peek('{') || peek('[')) {
        skipStructure(1);
        members.add(new Member(key, null, true));
      } else {
        members.add(new Member(key, scalar(), false));
      }
      skipWhitespace();
    } while (consume(','));
    expect('}');
    return members;
  }

  /** Returns a scalar's text, or null for {@code null}. */
  private String scalar() throws MalformedJson {
    if (peek('"')) {
      return string();
    }
    for (String literal : new String[] {"true", "false", "null"}) {
      if (text.startsWith(literal, at)) {
        at += literal.length();
        return literal.equals("null") ? null : literal;
      }
    }
    return number();
  }

  private void skipStructure(int depth) throws MalformedJson {
    if (depth > MAX_DEPTH) {
      throw malformed("nested more than " + MAX_DEPTH + " levels deep");
    }
    char close = text.charAt(at) == '{' ? '}' : ']';
    at++;
    skipWhitespace();
    if (consume(close)) {
      return;
    }
    do {
      skipWhitespace();
      if (close == '}') {
        if (!peek('"')) {
          throw malformed("expected a quoted key");
        }
        string();
        skipWhitespace();
        expect(':');
        skipWhitespace();
      }
      if (peek('{') || peek('[')) {
        skipStructure(depth + 1);
      } else {
        scalar();
      }
      skipWhitespace();
    } while (consume(','));
    expect(close);
  }

  private String number() throws MalformedJson {
    int start = at;
    consume('-');
    if (consume('0')) {
      // a leading zero stands alone
    } else if (!digits()) {
      throw malformed("expected a value");
    }
    if (consume('.') && !digits()) {
      throw malformed("expected digits after the decimal point");
    }
    if (consume('e') || consume('E')) {
      if (!consume('+')) {
        consume('-');
      }
      if (!digits()) {
        throw malformed("expected digits in the exponent");
      }
    }
    return text.substring(start, at);
  }

  private boolean digits() {
    int start = at;
    while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
      at++;
    }
    return at > start;
  }

  private String string() throws MalformedJson {
    at++; // '"'
    StringBuilder out = new StringBuilder();
    while (at < text.length()) {
      char c = text.charAt(at++);
      if (c == '"') {
        return out.toString();
      }
      if (c < 0x20) {
        throw malformed("a control character inside a string");
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (at >= text.length()) {
        break;
      }
      char escape = text.charAt(at++);
      switch (escape) {
        case '"', '\\', '/' -> out.append(escape);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> out.append(unicodeEscape());
        default -> throw malformed("an invalid escape in a string");
      }
    }
    throw malformed("a string is not closed");
  }

  private char unicodeEscape() throws MalformedJson {
    if (at + 4 > text.length()) {
      throw malformed("an incomplete \\u escape");
    }
    int value = 0;
    for (int i = 0; i < 4; i++) {
      int digit = Character.digit(text.charAt(at++), 16);
      if (digit < 0) {
        throw malformed("an invalid \\u escape");
      }
      value = value * 16 + digit;
    }
    return (char) value;
  }

  private void skipWhitespace() {
    while (at < text.length()) {
      char c = text.charAt(at);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      at++;
    }
  }

  private boolean peek(char c) {
    return at < text.length() && text.charAt(at) == c;
  }

  private boolean consume(char c) {
    if (peek(c)) {
      at++;
      return true;
    }
    return false;
  }

  private void expect(char c) throws MalformedJson {
    if (!consume(c)) {
      throw malformed("expected '" + c + "'");
    }
  }

  private MalformedJson malformed(String what) {
    return new MalformedJson(what + (at >= text.length() ? " at the end of the text" : " at character " + (at + 1)));
  }
}
