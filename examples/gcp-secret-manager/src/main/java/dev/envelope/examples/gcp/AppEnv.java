package dev.envelope.examples.gcp;

import dev.envelope.Default;
import dev.envelope.Description;
import dev.envelope.Profile;
import dev.envelope.Secret;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/**
 * The environment of an orders service whose database credentials and payments key live in Google
 * Cloud Secret Manager in production.
 */
@Description("Environment of the orders service")
public record AppEnv(
    @Description("Runtime profile: development, test, staging or production") Profile appEnv,
    Database database,
    @Description("Key of the payments API") @NotBlank Secret<String> paymentsApiKey) {

  /**
   * {@code DATABASE_*}: in production, the keys of the JSON secret {@code orders-db} ({@code host},
   * {@code port}, {@code username}, {@code password}, {@code dbname}).
   */
  public record Database(
      @Description("Database host") @NotBlank String host,
      @Description("Database port") @Default("5432") @Min(1) @Max(65535) int port,
      @Description("Database user") @NotBlank String username,
      @Description("Database password") Secret<String> password,
      @Description("Database name") @NotBlank String dbname) {}
}
