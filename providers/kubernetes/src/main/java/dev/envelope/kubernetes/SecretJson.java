package dev.envelope.kubernetes;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the parts Envelope needs of the Kubernetes API's answers: a {@code Secret} (its {@code
 * data} and {@code metadata.resourceVersion}) or a {@code Status} (its {@code message} and {@code
 * reason}). Everything else in the object is skipped.
 */
final class SecretJson {
  private static final JsonFactory JSON = new JsonFactory();

  private SecretJson() {}

  /**
   * One object as the API returned it.
   *
   * @param data the Secret's {@code data}: key to base64-encoded value; empty for a Status
   */
  record ApiObject(
      String kind, String message, String reason, String resourceVersion, Map<String, String> data) {}

  /**
   * Parses {@code body}.
   *
   * @throws IOException if the body is not a JSON object
   */
  static ApiObject parse(byte[] body) throws IOException {
    String kind = "";
    String message = "";
    String reason = "";
    String resourceVersion = "";
    Map<String, String> data = new LinkedHashMap<>();
    try (JsonParser parser = JSON.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (field) {
          case "kind" -> kind = text(parser);
          case "message" -> message = text(parser);
          case "reason" -> reason = text(parser);
          case "metadata" -> resourceVersion = objectField(parser, value, "resourceVersion");
          case "data" -> readStrings(parser, value, data);
          default -> parser.skipChildren();
        }
      }
    }
    return new ApiObject(kind, message, reason, resourceVersion, data);
  }

  private static String text(JsonParser parser) throws IOException {
    return parser.currentToken() == JsonToken.VALUE_STRING ? parser.getText() : "";
  }

  private static String objectField(JsonParser parser, JsonToken value, String wanted)
      throws IOException {
    String found = "";
    if (value != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return found;
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      if (field.equals(wanted)) {
        found = text(parser);
      } else {
        parser.skipChildren();
      }
    }
    return found;
  }

  private static void readStrings(JsonParser parser, JsonToken value, Map<String, String> into)
      throws IOException {
    if (value != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return;
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      if (parser.nextToken() == JsonToken.VALUE_STRING) {
        into.put(key, parser.getText());
      } else {
        parser.skipChildren();
      }
    }
  }
}
