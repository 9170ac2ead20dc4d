package dev.envelope.aws.testing;

import java.util.Map;

/** Writes the little JSON the stand-ins answer with, so that the tests need no JSON library of their own. */
public final class Json {
  private Json() {}

  /** Returns {@code text} as a JSON string literal. */
  public static String string(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** Returns a JSON object of string values, in the map's order. */
  public static String object(Map<String, String> values) {
    StringBuilder out = new StringBuilder("{");
    for (Map.Entry<String, String> entry : values.entrySet()) {
      if (out.length() > 1) {
        out.append(',');
      }
      out.append(string(entry.getKey())).append(':').append(string(entry.getValue()));
    }
    return out.append('}').toString();
  }
}
