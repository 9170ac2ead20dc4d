package dev.envelope.benchmarks.smallrye;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.hibernate.validator.constraints.URL;

/**
 * The quickstart's schema as a SmallRye Config mapping: {@code databasePoolMin} is the property
 * {@code database.pool-min}, which SmallRye matches to {@code DATABASE_POOL_MIN} in the environment
 * and in {@code .env}.
 */
@ConfigMapping(prefix = "")
public interface AppEnvMapping {
  @WithDefault("development")
  String appEnv();

  @URL
  String appUrl();

  @URL
  String apiUrl();

  Database database();

  URI cacheUrl();

  Jwt jwt();

  Smtp smtp();

  S3 s3();

  Optional<URI> sentryDsn();

  @WithDefault("info")
  LogLevel logLevel();

  /** How much the service logs. */
  enum LogLevel {
    TRACE,
    DEBUG,
    INFO,
    WARN,
    ERROR
  }

  /** {@code DATABASE_*}. */
  interface Database {
    @NotBlank
    String url();

    @WithDefault("2")
    @Min(0)
    int poolMin();

    @WithDefault("10")
    @Min(1)
    @Max(500)
    int poolMax();
  }

  /** {@code JWT_*}. */
  interface Jwt {
    @Size(min = 32)
    String secret();

    @WithDefault("15m")
    Duration expiresIn();

    @WithDefault("7d")
    Duration refreshExpiresIn();
  }

  /** {@code SMTP_*}. */
  interface Smtp {
    @NotBlank
    String host();

    @WithDefault("587")
    @Min(1)
    @Max(65535)
    int port();

    Optional<String> user();

    Optional<String> password();
  }

  /** {@code S3_*}. */
  interface S3 {
    @NotBlank
    String bucket();

    @WithDefault("us-east-1")
    String region();

    Optional<String> accessKeyId();

    Optional<String> secretAccessKey();
  }
}
