package dev.envelope.kubernetes;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URI;
import java.net.URLDecoder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;

/**
 * Splits a provider URI such as {@code k8s-mount:/var/run/secrets/app?prefix=APP_} into its target
 * and its options, checking the options against the ones the scheme knows.
 */
final class ProviderUri {
  private final URI uri;
  private final String target;
  private final Map<String, String> options;

  private ProviderUri(URI uri, String target, Map<String, String> options) {
    this.uri = uri;
    this.target = target;
    this.options = options;
  }

  /**
   * Parses {@code uri}. Both {@code scheme:/absolute/path} and {@code scheme:relative} forms are read
   * from the scheme-specific part, since Java does not parse the query of the second.
   *
   * @throws IllegalArgumentException if the target is empty, an option is repeated or unknown
   */
  static ProviderUri parse(URI uri, String expected, List<String> knownOptions) {
    String part = uri.getRawSchemeSpecificPart();
    int query = part.indexOf('?');
    String target = decode(query < 0 ? part : part.substring(0, query));
    if (target.isEmpty() || target.startsWith("//")) {
      throw new IllegalArgumentException(
          "'" + uri + "' names no " + expected + "; expected " + uri.getScheme() + ":" + expected);
    }
    Map<String, String> options = new LinkedHashMap<>();
    if (query >= 0) {
      for (String pair : part.substring(query + 1).split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int equals = pair.indexOf('=');
        String name = decode(equals < 0 ? pair : pair.substring(0, equals));
        String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
        if (!knownOptions.contains(name)) {
          throw new IllegalArgumentException(
              "'" + uri + "' has an unknown option '" + name + "'; known options: "
                  + String.join(", ", knownOptions));
        }
        if (options.put(name, value) != null) {
          throw new IllegalArgumentException("'" + uri + "' sets the option '" + name + "' twice");
        }
      }
    }
    return new ProviderUri(uri, target, options);
  }

  private static String decode(String text) {
    return URLDecoder.decode(text.replace("+", "%2B"), UTF_8);
  }

  String target() {
    return target;
  }

  String option(String name, String fallback) {
    return options.getOrDefault(name, fallback);
  }

  /**
   * Returns the boolean option {@code name}; a bare {@code ?name} means true.
   *
   * @throws IllegalArgumentException if the value is neither true nor false
   */
  boolean flag(String name, boolean fallback) {
    String value = options.get(name);
    if (value == null) {
      return fallback;
    }
    if (value.isEmpty() || value.equalsIgnoreCase("true")) {
      return true;
    }
    if (value.equalsIgnoreCase("false")) {
      return false;
    }
    throw new IllegalArgumentException(
        "'" + uri + "' has " + name + "=" + value + "; expected true or false");
  }

  KeyMapping keyMapping() {
    try {
      return KeyMapping.named(option("keys", "env"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + uri + "': " + e.getMessage(), e);
    }
  }
}
