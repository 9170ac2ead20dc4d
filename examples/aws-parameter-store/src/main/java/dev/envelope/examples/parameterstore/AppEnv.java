package dev.envelope.examples.parameterstore;

import dev.envelope.Default;
import dev.envelope.Description;
import dev.envelope.Profile;
import dev.envelope.Secret;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;

/**
 * The environment of an orders service whose settings and secrets live in AWS Parameter Store in
 * production: plain {@code String}s, a {@code StringList} and {@code SecureString}s.
 */
@Description("Environment of the orders service")
public record AppEnv(
    @Description("Runtime profile: development, test, staging or production") Profile appEnv,
    Db db,
    @Description("Origins allowed to call the API (a StringList in Parameter Store)") @NotEmpty List<String> allowedOrigins,
    @Description("Key of the payments API (a SecureString)") @NotBlank Secret<String> paymentsApiKey) {

  /** {@code DB_*}: in production, the parameters under {@code /orders/prod/db/}. */
  public record Db(
      @Description("Database host") @NotBlank String host,
      @Description("Database port") @Default("5432") @Min(1) @Max(65535) int port,
      @Description("Database user") @NotBlank String username,
      @Description("Database password (a SecureString)") Secret<String> password,
      @Description("Database name") @NotBlank String name) {}
}
