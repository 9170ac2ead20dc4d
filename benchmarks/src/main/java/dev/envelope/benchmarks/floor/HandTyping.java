package dev.envelope.benchmarks.floor;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;

/**
 * Converts and validates the quickstart's schema by hand from a name-to-value lookup, collecting
 * every problem before failing, as the libraries do. Written without lambdas or string
 * concatenation on the happy path: both bootstrap {@code invokedynamic} machinery on first use, and
 * the floor should pay only for what a careful hand-written loader must.
 */
public final class HandTyping {
  /** Where values come from: the process environment first, then a {@code .env} file. */
  public interface Lookup {
    /** Returns the value of {@code name}, or null when it is not set. */
    String get(String name);
  }

  private final Lookup lookup;
  private final StringBuilder problems = new StringBuilder();

  private HandTyping(Lookup lookup) {
    this.lookup = lookup;
  }

  /**
   * Returns the environment {@code lookup} describes.
   *
   * @throws IllegalStateException listing every missing, invalid or out-of-range value
   */
  public static HandEnv load(Lookup lookup) {
    HandTyping typing = new HandTyping(lookup);
    HandEnv env =
        new HandEnv(
            typing.value("APP_ENV", "development"),
            typing.url("APP_URL"),
            typing.url("API_URL"),
            new HandEnv.Database(
                typing.notBlank("DATABASE_URL"),
                typing.integer("DATABASE_POOL_MIN", "2", 0, Integer.MAX_VALUE),
                typing.integer("DATABASE_POOL_MAX", "10", 1, 500)),
            typing.uri("CACHE_URL", true),
            new HandEnv.Jwt(
                typing.minLength("JWT_SECRET", 32),
                typing.duration("JWT_EXPIRES_IN", "15m"),
                typing.duration("JWT_REFRESH_EXPIRES_IN", "7d")),
            new HandEnv.Smtp(
                typing.notBlank("SMTP_HOST"),
                typing.integer("SMTP_PORT", "587", 1, 65535),
                typing.value("SMTP_USER", null),
                typing.value("SMTP_PASSWORD", null)),
            new HandEnv.S3(
                typing.notBlank("S3_BUCKET"),
                typing.value("S3_REGION", "us-east-1"),
                typing.value("S3_ACCESS_KEY_ID", null),
                typing.value("S3_SECRET_ACCESS_KEY", null)),
            typing.uri("SENTRY_DSN", false),
            typing.logLevel("LOG_LEVEL", "info"));
    if (typing.problems.length() > 0) {
      throw new IllegalStateException("invalid environment:\n" + typing.problems);
    }
    return env;
  }

  private String value(String name, String fallback) {
    String value = lookup.get(name);
    return value == null || value.isEmpty() ? fallback : value;
  }

  private String required(String name) {
    String value = value(name, null);
    if (value == null) {
      problem(name, "required but not set");
    }
    return value;
  }

  private String notBlank(String name) {
    String value = required(name);
    if (value != null && value.isBlank()) {
      problem(name, "must not be blank");
    }
    return value;
  }

  private String minLength(String name, int min) {
    String value = required(name);
    if (value != null && value.length() < min) {
      problem(name, "must be at least " + min + " characters"); // never the secret itself
    }
    return value;
  }

  private String url(String name) {
    String value = required(name);
    if (value != null) {
      try {
        URI uri = new URI(value);
        if (uri.getScheme() == null || uri.getHost() == null) {
          problem(name, "must be an absolute URL with a host");
        }
      } catch (URISyntaxException e) {
        problem(name, "must be a URL: " + e.getReason());
      }
    }
    return value;
  }

  private URI uri(String name, boolean required) {
    String value = required ? required(name) : value(name, null);
    if (value == null) {
      return null;
    }
    try {
      return new URI(value);
    } catch (URISyntaxException e) {
      problem(name, "must be a URI: " + e.getReason());
      return null;
    }
  }

  private int integer(String name, String fallback, int min, int max) {
    String value = value(name, fallback);
    int number;
    try {
      number = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      problem(name, "must be a whole number");
      return 0;
    }
    if (number < min || number > max) {
      problem(name, "must be between " + min + " and " + max);
    }
    return number;
  }

  private Duration duration(String name, String fallback) {
    try {
      return ShortDuration.parse(value(name, fallback));
    } catch (RuntimeException e) {
      problem(name, "must be a duration such as 15m or PT15M");
      return null;
    }
  }

  private HandEnv.LogLevel logLevel(String name, String fallback) {
    String value = value(name, fallback);
    try {
      return HandEnv.LogLevel.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      problem(name, "must be one of trace, debug, info, warn, error");
      return null;
    }
  }

  private void problem(String name, String message) {
    problems.append("  ").append(name).append(": ").append(message).append('\n');
  }
}
