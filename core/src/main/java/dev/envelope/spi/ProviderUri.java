package dev.envelope.spi;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URI;
import java.net.URLDecoder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Splits a provider URI such as {@code k8s-mount:/var/run/secrets/app?prefix=APP_&timeout=5s} into
 * its scheme, its target and its options, checking the options against the ones the provider knows.
 * Every provider factory parses its URIs with this class, so that all of them accept the same forms
 * and word their errors the same way.
 *
 * <p>Both {@code scheme:/absolute/path} and {@code scheme:relative/path} are read from the
 * scheme-specific part (Java parses no query in the second form); a leading {@code /} is kept, and
 * {@code scheme:/} alone (Java cannot hold a bare {@code scheme:}) has an empty target. Every
 * provider knows the {@linkplain FetchLimits#OPTIONS limit options} besides its own. Immutable.
 */
public final class ProviderUri {
  private final URI uri;
  private final String target;
  private final Map<String, String> options;
  private final String expected;

  private ProviderUri(URI uri, String target, Map<String, String> options, String expected) {
    this.uri = uri;
    this.target = target;
    this.options = options;
    this.expected = expected;
  }

  /**
   * Parses {@code uri} for a provider that knows {@code knownOptions} (and the limit options).
   * {@code expected} describes the accepted form for error messages, for example {@code
   * "doppler:PROJECT/CONFIG"}.
   *
   * @throws IllegalArgumentException if the scheme is not {@code scheme}, the URI has a fragment, or
   *     an option is unknown or repeated; the message names the URI and lists the known options
   */
  public static ProviderUri parse(URI uri, String scheme, String expected, List<String> knownOptions) {
    List<String> known = new ArrayList<>(knownOptions);
    known.addAll(FetchLimits.OPTIONS);
    String part = uri.getRawSchemeSpecificPart() == null ? "" : uri.getRawSchemeSpecificPart();
    if (!scheme.equalsIgnoreCase(uri.getScheme())) {
      throw malformed(uri, "the scheme is not " + scheme, expected);
    }
    if (uri.getRawFragment() != null) {
      throw malformed(uri, "a fragment is not allowed", expected);
    }
    int query = part.indexOf('?');
    String target = decode(query < 0 ? part : part.substring(0, query));
    if (target.equals("/")) {
      target = "";
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
        if (!known.contains(name)) {
          throw malformed(uri, "unknown option '" + name + "' (known: " + String.join(", ", known) + ")", expected);
        }
        if (options.put(name, value) != null) {
          throw malformed(uri, "the option '" + name + "' is set twice", expected);
        }
      }
    }
    return new ProviderUri(uri, target, Collections.unmodifiableMap(options), expected);
  }

  private static String decode(String text) {
    return URLDecoder.decode(text.replace("+", "%2B"), UTF_8);
  }

  /** Returns the URI as given. */
  public URI uri() {
    return uri;
  }

  /** Returns the decoded part between the scheme and the query; empty for {@code scheme:/}. */
  public String target() {
    return target;
  }

  /** Returns the options as given, in order. */
  public Map<String, String> options() {
    return options;
  }

  /** Returns the option {@code name}, or empty if it is not given. */
  public Optional<String> option(String name) {
    return Optional.ofNullable(options.get(name));
  }

  /**
   * Returns the option {@code name}, which must have a value when given ({@code ?name=} alone is an
   * error, not an empty value).
   *
   * @throws IllegalArgumentException if the option is given without a value
   */
  public Optional<String> text(String name) {
    Optional<String> value = option(name);
    if (value.isPresent() && value.get().isBlank()) {
      throw malformed("the option '" + name + "' needs a value");
    }
    return value;
  }

  /**
   * Returns the boolean option {@code name}; a bare {@code ?name} means true.
   *
   * @throws IllegalArgumentException if the value is neither true nor false
   */
  public boolean flag(String name, boolean fallback) {
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
    throw malformed(name + "=" + value + " is neither true nor false");
  }

  /**
   * Returns the duration option {@code name} ({@code 500ms}, {@code 10s}, {@code 2m}, {@code PT10S}).
   *
   * @throws IllegalArgumentException if the value is not a positive duration
   */
  public Optional<Duration> duration(String name) {
    String value = options.get(name);
    if (value == null) {
      return Optional.empty();
    }
    Duration duration = FetchLimits.parseDuration(value);
    if (duration == null) {
      throw malformed(name + "=" + value + " is not a positive duration such as 500ms, 10s or 2m");
    }
    return Optional.of(duration);
  }

  /**
   * Returns the positive whole-number option {@code name}.
   *
   * @throws IllegalArgumentException if the value is not a whole number of at least 1
   */
  public Optional<Integer> positiveInt(String name) {
    String value = options.get(name);
    if (value == null) {
      return Optional.empty();
    }
    try {
      int number = Integer.parseInt(value);
      if (number >= 1) {
        return Optional.of(number);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw malformed(name + "=" + value + " is not a whole number of at least 1");
  }

  /**
   * Returns {@code defaults} with the limit options this URI sets ({@code maxAttempts}, {@code
   * attemptTimeout}, {@code timeout}) applied.
   *
   * @throws IllegalArgumentException if one of them is malformed or they do not fit together
   */
  public FetchLimits limits(FetchLimits defaults) {
    FetchLimits limits = defaults;
    Optional<Integer> attempts = positiveInt("maxAttempts");
    Optional<Duration> attempt = duration("attemptTimeout");
    Optional<Duration> timeout = duration("timeout");
    try {
      if (attempts.isPresent()) {
        limits = limits.withMaxAttempts(attempts.get());
      }
      if (timeout.isPresent()) {
        limits = limits.withTimeout(timeout.get());
      }
      if (attempt.isPresent()) {
        limits = limits.withAttemptTimeout(attempt.get());
      }
    } catch (IllegalArgumentException e) {
      throw malformed(e.getMessage());
    }
    return limits;
  }

  /**
   * Returns an exception for a URI that is malformed for its provider: {@code Malformed provider URI
   * 'x': why; expected FORM}.
   */
  public IllegalArgumentException malformed(String why) {
    return malformed(uri, why, expected);
  }

  private static IllegalArgumentException malformed(URI uri, String why, String expected) {
    return new IllegalArgumentException("Malformed provider URI '" + uri + "': " + why + "; expected " + expected);
  }

  @Override
  public String toString() {
    return uri.toString();
  }
}
