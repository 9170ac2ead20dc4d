package dev.envelope.benchmarks.floor;

import java.net.URI;
import java.time.Duration;

/**
 * The quickstart's schema as plain records, filled by {@link HandTyping}: what a developer writes
 * without a configuration library.
 */
public record HandEnv(
    String appEnv,
    String appUrl,
    String apiUrl,
    Database database,
    URI cacheUrl,
    Jwt jwt,
    Smtp smtp,
    S3 s3,
    URI sentryDsn,
    LogLevel logLevel) {

  /** How much the service logs. */
  public enum LogLevel {
    TRACE,
    DEBUG,
    INFO,
    WARN,
    ERROR
  }

  /** {@code DATABASE_*}. */
  public record Database(String url, int poolMin, int poolMax) {}

  /** {@code JWT_*}. */
  public record Jwt(String secret, Duration expiresIn, Duration refreshExpiresIn) {}

  /** {@code SMTP_*}. */
  public record Smtp(String host, int port, String user, String password) {}

  /** {@code S3_*}. */
  public record S3(String bucket, String region, String accessKeyId, String secretAccessKey) {}

  /** Prints this environment's fingerprint; see {@code Fingerprint.print}. */
  public void printFingerprint() {
    dev.envelope.benchmarks.coldstart.Fingerprint.print(
        appEnv, appUrl, apiUrl,
        database.url(), database.poolMin(), database.poolMax(),
        cacheUrl,
        jwt.secret(), jwt.expiresIn(), jwt.refreshExpiresIn(),
        smtp.host(), smtp.port(), smtp.user(), smtp.password(),
        s3.bucket(), s3.region(), s3.accessKeyId(), s3.secretAccessKey(),
        sentryDsn == null ? "" : sentryDsn,
        logLevel);
  }
}
