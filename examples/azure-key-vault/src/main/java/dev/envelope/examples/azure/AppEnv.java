package dev.envelope.examples.azure;

import dev.envelope.Description;
import dev.envelope.Profile;
import dev.envelope.Secret;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;

/**
 * The environment of an orders service whose database credentials and payments key live in Azure
 * Key Vault in production: {@code DATABASE_URL} in the secret {@code database-url}, and so on.
 */
@Description("Environment of the orders service")
public record AppEnv(
    @Description("Runtime profile: development, test, staging or production") Profile appEnv,
    Database database,
    @Description("Key of the payments API (secret payments-api-key)") @NotBlank Secret<String> paymentsApiKey) {

  /** {@code DATABASE_*}: the secrets {@code database-url}, {@code database-username}, {@code database-password}. */
  public record Database(
      @Description("JDBC-style URL of the database") URI url,
      @Description("Database user") @NotBlank String username,
      @Description("Database password") Secret<String> password) {}
}
