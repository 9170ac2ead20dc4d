package dev.envelope.benchmarks.envelope;

import dev.envelope.Default;
import dev.envelope.Profile;
import dev.envelope.RequiredIn;
import dev.envelope.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The quickstart's schema without any constraint annotation: {@link AppEnv} minus validation, to
 * measure what a schema without constraints costs (the validator is then never started).
 */
public record PlainAppEnv(
    Profile appEnv,
    String appUrl,
    String apiUrl,
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
      String url,
      @Default("2") int poolMin,
      @Default("10") int poolMax) {}

  /** {@code JWT_*}. */
  public record Jwt(
      Secret<String> secret,
      @Default("15m") Duration expiresIn,
      @Default("7d") Duration refreshExpiresIn) {}

  /** {@code SMTP_*}. */
  public record Smtp(
      String host,
      @Default("587") int port,
      String user,
      Secret<String> password) {}

  /** {@code S3_*}. */
  public record S3(
      String bucket,
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
