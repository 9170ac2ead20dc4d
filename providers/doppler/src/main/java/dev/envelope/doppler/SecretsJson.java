package dev.envelope.doppler;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.JacksonException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the JSON Doppler speaks: a flat object of secret names to string values, and the
 * error body {@code {"messages": [...], "success": false}}. Uses Jackson's streaming parser, so no
 * data binding and no reflection.
 */
final class SecretsJson {
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private SecretsJson() {}

  /** Thrown when a body is not the flat string-to-string object Doppler sends; never holds a value. */
  static final class MalformedException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedException(String message) {
      super(message);
    }
  }

  /**
   * Returns the secrets in {@code body}, in the order Doppler sent them.
   *
   * @throws MalformedException if the body is not a JSON object whose values are all strings; the
   *     message says where and what, never quoting the content (it may be a secret)
   */
  static Map<String, String> parseSecrets(byte[] body) throws MalformedException {
    Map<String, String> secrets = new LinkedHashMap<>();
    try (JsonParser parser = JSON.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new MalformedException("it is not a JSON object" + at(parser.currentTokenLocation()));
      }
      JsonToken token;
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (value != JsonToken.VALUE_STRING) {
          throw new MalformedException(
              "the value of " + name + " is " + describe(value) + ", not a string");
        }
        secrets.put(name, parser.getText());
      }
      if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
        throw new MalformedException("it has content after the JSON object" + at(parser.currentTokenLocation()));
      }
    } catch (JsonEOFException e) {
      throw new MalformedException("it ends in the middle of the JSON" + at(e.getLocation()));
    } catch (JacksonException e) {
      // Jackson's own message may quote the offending text, which can be part of a secret.
      throw new MalformedException("it is not valid JSON" + at(e.getLocation()));
    } catch (IOException e) {
      throw new UncheckedIOException("reading an in-memory body cannot fail", e);
    }
    return secrets;
  }

  /**
   * Returns the {@code messages} of a Doppler error body joined by "; ", or the body itself,
   * shortened, when it is not Doppler's JSON (a proxy's HTML page, for example).
   */
  static String errorMessages(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    List<String> messages = new ArrayList<>();
    try (JsonParser parser = JSON.createParser(body)) {
      if (parser.nextToken() == JsonToken.START_OBJECT) {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String field = parser.currentName();
          JsonToken value = parser.nextToken();
          if (field.equals("messages") && value == JsonToken.START_ARRAY) {
            while (parser.nextToken() == JsonToken.VALUE_STRING) {
              messages.add(parser.getText());
            }
          } else {
            parser.skipChildren();
          }
        }
      }
    } catch (IOException e) {
      messages.clear();
    }
    if (!messages.isEmpty()) {
      return String.join("; ", messages);
    }
    String flat = body.strip().replaceAll("\\s+", " ");
    return flat.length() <= 200 ? flat : flat.substring(0, 200) + "…";
  }

  /** Returns {@code secrets} as a compact JSON object, the fallback file's plaintext. */
  static byte[] write(Map<String, String> secrets) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      for (Map.Entry<String, String> secret : secrets.entrySet()) {
        json.writeStringField(secret.getKey(), secret.getValue());
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return out.toByteArray();
  }

  private static String describe(JsonToken token) {
    if (token == null) {
      return "missing";
    }
    switch (token) {
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return "a number";
      case VALUE_TRUE:
      case VALUE_FALSE:
        return "a boolean";
      case VALUE_NULL:
        return "null";
      case START_OBJECT:
        return "an object";
      case START_ARRAY:
        return "an array";
      default:
        return token.toString();
    }
  }

  private static String at(JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }
}
