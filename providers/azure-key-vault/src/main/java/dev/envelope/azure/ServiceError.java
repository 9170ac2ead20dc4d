package dev.envelope.azure;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.BinaryData;
import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import java.util.Map;

/**
 * What Key Vault said about a failed request: the HTTP status and the {@code code}, {@code message}
 * and {@code innererror.code} of its error body ({@code {"error":{"code":"Forbidden",
 * "message":"...","innererror":{"code":"SecretDisabled"}}}}). Error bodies never hold a secret's
 * value; the body of a successful answer is never read here.
 *
 * @param status the HTTP status
 * @param code the error code, for example {@code Forbidden}; empty when the body had none
 * @param innerCode the inner error code, for example {@code SecretDisabled}; empty when none
 * @param message the service's explanation, on one line; empty when none
 */
record ServiceError(int status, String code, String innerCode, String message) {
  // An error body is a few hundred bytes; a longer one is not Key Vault's and is not quoted.
  private static final int MAX_BODY = 16 * 1024;
  private static final int MAX_MESSAGE = 600;

  /** Returns the error {@code failure} reports. */
  static ServiceError of(HttpResponseException failure) {
    HttpResponse response = failure.getResponse();
    int status = response == null ? 0 : response.getStatusCode();
    Map<?, ?> error = errorObject(response);
    if (error == null) {
      return new ServiceError(status, "", "", "");
    }
    Object inner = error.get("innererror");
    String innerCode = inner instanceof Map<?, ?> map ? text(map.get("code")) : "";
    return new ServiceError(status, text(error.get("code")), innerCode, oneLine(text(error.get("message"))));
  }

  private static Map<?, ?> errorObject(HttpResponse response) {
    if (response == null) {
      return null;
    }
    try {
      BinaryData body = response.getBodyAsBinaryData();
      byte[] bytes = body == null ? null : body.toBytes();
      if (bytes == null || bytes.length == 0 || bytes.length > MAX_BODY) {
        return null;
      }
      try (JsonReader reader = JsonProviders.createReader(bytes)) {
        Object parsed = reader.readUntyped();
        return parsed instanceof Map<?, ?> map && map.get("error") instanceof Map<?, ?> error ? error : null;
      }
    } catch (Exception e) {
      return null; // not JSON, or already consumed: the status alone must do
    }
  }

  private static String text(Object value) {
    return value instanceof String string ? string : "";
  }

  private static String oneLine(String message) {
    String line = message.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').strip();
    if (line.endsWith(".")) {
      line = line.substring(0, line.length() - 1);
    }
    return line.length() > MAX_MESSAGE ? line.substring(0, MAX_MESSAGE) + "…" : line;
  }

  /** Returns {@code 403 Forbidden/ForbiddenByRbac: message}, leaving out what the body lacked. */
  String describe() {
    StringBuilder text = new StringBuilder("HTTP ").append(status);
    if (!code.isEmpty()) {
      text.append(' ').append(code);
      if (!innerCode.isEmpty()) {
        text.append('/').append(innerCode);
      }
    }
    if (!message.isEmpty()) {
      text.append(": ").append(message);
    }
    return text.toString();
  }
}
