package dev.envelope.benchmarks.envelope;

import dev.envelope.Default;
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

/**
 * The quickstart's schema ({@code examples/quickstart}'s {@code AppEnv}), copied so that this
 * module stands alone; descriptions are left out since they do not change the load.
 */
public record AppEnv(
    Profile appEnv,
    @URL String appUrl,
    @URL String apiUrl,
    Database database,
    URI cacheUrl,
    Jwt jwt,
    Smtp smtp,
    S3 s3,
    @RequiredIn("production") Optional<URI> sentryDsn,
    @Default("info") LogLevel logLevel) {

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
      @Default("2") @Min(0) int poolMin,
      @Default("10") @Min(1) @Max(500) int poolMax) {}

  /** {@code JWT_*}. */
  public record Jwt(
      @Size(min = 32) Secret<String> secret,
      @Default("15m") Duration expiresIn,
      @Default("7d") Duration refreshExpiresIn) {}

  /** {@code SMTP_*}. */
  public record Smtp(
      @NotBlank String host,
      @Default("587") @Min(1) @Max(65535) int port,
      String user,
      Secret<String> password) {}

  /** {@code S3_*}. */
  public record S3(
      @NotBlank String bucket,
      @Default("us-east-1") String region,
      Secret<String> accessKeyId,
      Secret<String> secretAccessKey) {}

  /** Prints this environment's fingerprint, secrets included, since only their checksum is printed. */
  public void printFingerprint() {
    dev.envelope.benchmarks.coldstart.Fingerprint.print(
        appEnv.name(), appUrl, apiUrl,
        database.url(), database.poolMin(), database.poolMax(),
        cacheUrl,
        jwt.secret().reveal(), jwt.expiresIn(), jwt.refreshExpiresIn(),
        smtp.host(), smtp.port(), smtp.user(), smtp.password().reveal(),
        s3.bucket(), s3.region(), s3.accessKeyId().reveal(), s3.secretAccessKey().reveal(),
        sentryDsn.isPresent() ? sentryDsn.get() : "",
        logLevel);
  }
}
