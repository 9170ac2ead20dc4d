package dev.envelope.junit.docs;

import dev.envelope.Default;
import dev.envelope.DefaultIn;
import dev.envelope.Description;
import dev.envelope.Profile;
import dev.envelope.RequiredIn;
import dev.envelope.Secret;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** The schema of docs/testing.md; every snippet there is one of the tests in this package. */
@Description("The shop's web application.")
public record ShopEnv(
    Profile appEnv,
    @Description("Public URL of the shop.") URI appUrl,
    Database database,
    @Description("Signs session tokens.")
        @DefaultIn(profile = "development", value = "dev-only-signing-key-0123456789abcdef")
        @DefaultIn(profile = "test", value = "test-only-signing-key-0123456789abcdef")
        @Size(min = 32)
        Secret<String> jwtSecret,
    @Default("15m") Duration sessionTtl,
    @RequiredIn("production") Optional<URI> sentryDsn,
    @DefaultIn(profile = "development", value = "debug") @Default("info") LogLevel logLevel) {

  public enum LogLevel { DEBUG, INFO, WARN }

  @Description("The main database.")
  public record Database(
      @Description("JDBC URL of the database.") String url,
      @Default("2") @Min(0) int poolMin,
      @Default("10") @Max(500) int poolMax) {}
}
