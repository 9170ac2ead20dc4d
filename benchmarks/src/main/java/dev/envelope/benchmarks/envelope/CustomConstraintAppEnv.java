package dev.envelope.benchmarks.envelope;

import dev.envelope.Default;
import dev.envelope.Profile;
import dev.envelope.RequiredIn;
import jakarta.validation.constraints.Email;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.hibernate.validator.constraints.URL;

/**
 * {@link RealisticAppEnv} with one constraint of the application's own ({@link CompanyEmail}) on the
 * admin address: the schema that starts Hibernate Validator. Its groups are the realistic schema's.
 */
public record CustomConstraintAppEnv(
    Profile appEnv,
    @URL String appUrl,
    @URL String apiUrl,
    @Default("http://localhost:3000,https://admin.example.com") List<@URL String> corsOrigins,
    @Default("ops@example.com") @Email @CompanyEmail String adminEmail,
    RealisticAppEnv.Database database,
    URI cacheUrl,
    RealisticAppEnv.Jwt jwt,
    RealisticAppEnv.Smtp smtp,
    RealisticAppEnv.S3 s3,
    @RequiredIn("production") Optional<URI> sentryDsn,
    @Default("info") AppEnv.LogLevel logLevel) {

  /** Prints the same fingerprint as {@link AppEnv#printFingerprint}. */
  public void printFingerprint() {
    new RealisticAppEnv(appEnv, appUrl, apiUrl, corsOrigins, adminEmail, database, cacheUrl, jwt, smtp, s3, sentryDsn,
        logLevel).printFingerprint();
  }
}
