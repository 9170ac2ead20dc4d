package dev.envelope.examples.quickstart;

import dev.envelope.Default;
import dev.envelope.Description;
import dev.envelope.Profile;
import dev.envelope.RequiredIn;
import dev.envelope.Secret;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.hibernate.validator.constraints.URL;

/** The environment of a typical web service: the schema that {@code Env.load} fills. */
@Description("Environment of the quickstart web service")
public record AppEnv(
    @Description("Runtime profile: development, test, staging or production") Profile appEnv,
    @Description("Public URL of the web application") @URL String appUrl,
    @Description("Public URL of the API") @URL String apiUrl,
    Database database,
    @Description("Redis URL of the cache") URI cacheUrl,
    Jwt jwt,
    Smtp smtp,
    S3 s3,
    @Description("Sentry DSN for error reporting") @RequiredIn("production") Optional<URI> sentryDsn,
    @Description("Log level") @Default("info") LogLevel logLevel) {

  /** How much the service logs. */
  public enum LogLevel {
    TRACE,
    DEBUG,
    INFO,
    WARN,
    ERROR
  }

  /** {@code DATABASE_*}: the primary database and its connection pool. */
  public record Database(
      @Description("JDBC or postgres:// URL of the database") @NotBlank String url,
      @Description("Connections kept open") @Default("2") @Min(0) int poolMin,
      @Description("Most connections open at once") @Default("10") @Min(1) @Max(500) int poolMax) {}

  /** {@code JWT_*}: signing and lifetimes of access and refresh tokens. */
  public record Jwt(
      @Description("HMAC key that signs tokens; at least 32 characters") @Size(min = 32) Secret<String> secret,
      @Description("Lifetime of an access token") @Default("15m") Duration expiresIn,
      @Description("Lifetime of a refresh token") @Default("7d") Duration refreshExpiresIn) {}

  /** {@code SMTP_*}: the mail relay. */
  public record Smtp(
      @Description("Mail relay host") @NotBlank String host,
      @Description("Mail relay port") @Default("587") @Min(1) @Max(65535) int port,
      @Description("Mail relay user") String user,
      @Description("Mail relay password") Secret<String> password) {}

  /** {@code S3_*}: the bucket for uploads. */
  public record S3(
      @Description("Bucket for uploads") @NotBlank String bucket,
      @Description("AWS region of the bucket") @Default("us-east-1") String region,
      @Description("Access key ID") Secret<String> accessKeyId,
      @Description("Secret access key") Secret<String> secretAccessKey) {}
}
