package dev.envelope.benchmarks.spring;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import org.hibernate.validator.constraints.URL;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The quickstart's schema as a {@code @ConfigurationProperties}-style record bound by Spring Boot's
 * {@code Binder}: {@code databasePoolMin} binds {@code DATABASE_POOL_MIN} through Spring's relaxed
 * environment-variable names.
 */
public record AppEnvProperties(
    @DefaultValue("development") String appEnv,
    @NotNull @URL String appUrl,
    @NotNull @URL String apiUrl,
    @Valid Database database,
    @NotNull URI cacheUrl,
    @Valid Jwt jwt,
    @Valid Smtp smtp,
    @Valid S3 s3,
    URI sentryDsn,
    @DefaultValue("info") LogLevel logLevel) {

  /** How much the service logs. */
  public enum LogLevel {
    TRACE,
    DEBUG,
    INFO,
    WARN,
    ERROR
  }

  /** {@code DATABASE_*}. */
  public record Database(
      @NotBlank String url,
      @DefaultValue("2") @Min(0) int poolMin,
      @DefaultValue("10") @Min(1) @Max(500) int poolMax) {}

  /** {@code JWT_*}. */
  public record Jwt(
      @NotNull @Size(min = 32) String secret,
      @DefaultValue("15m") Duration expiresIn,
      @DefaultValue("7d") Duration refreshExpiresIn) {}

  /** {@code SMTP_*}. */
  public record Smtp(
      @NotBlank String host,
      @DefaultValue("587") @Min(1) @Max(65535) int port,
      String user,
      String password) {}

  /** {@code S3_*}. */
  public record S3(
      @NotBlank String bucket,
      @DefaultValue("us-east-1") String region,
      String accessKeyId,
      String secretAccessKey) {}
}
