package dev.envelope.benchmarks.envelope;

import dev.envelope.Default;
import dev.envelope.Profile;
import dev.envelope.RequiredIn;
import dev.envelope.Secret;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.hibernate.validator.constraints.URL;

/**
 * The quickstart's schema as teams write it: the same twenty variables plus an {@code @Email}, a
 * {@code @Pattern}, {@code @Min}/{@code @Max} ranges, an {@code @AssertTrue} cross-field getter and a
 * {@code List<@URL String>}. The two variables it adds have defaults, so it loads from the same
 * {@code .env} file and environment as every other way, and prints the same fingerprint.
 */
public record RealisticAppEnv(
    Profile appEnv,
    @URL String appUrl,
    @URL String apiUrl,
    @Default("http://localhost:3000,https://admin.example.com") List<@URL String> corsOrigins,
    @Default("ops@example.com") @Email String adminEmail,
    Database database,
    URI cacheUrl,
    Jwt jwt,
    Smtp smtp,
    S3 s3,
    @RequiredIn("production") Optional<URI> sentryDsn,
    @Default("info") AppEnv.LogLevel logLevel) {

  /** {@code DATABASE_*}. */
  public record Database(
      @NotBlank @Pattern(regexp = "postgres(ql)?://.+") String url,
      @Default("2") @Min(0) @Max(100) int poolMin,
      @Default("10") @Min(1) @Max(500) int poolMax) {
    @AssertTrue(message = "pool min must not exceed pool max")
    public boolean isPoolOrdered() {
      return poolMin <= poolMax;
    }
  }

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

  /** Prints the same fingerprint as {@link AppEnv#printFingerprint}. */
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
