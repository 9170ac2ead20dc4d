package dev.envelope.examples.kubernetes;

import dev.envelope.Default;
import dev.envelope.Description;
import dev.envelope.Profile;
import dev.envelope.Secret;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The environment of a service deployed on Kubernetes: plain settings from the Deployment's {@code
 * env}, secrets from the mounted Secret {@code app-secrets}.
 */
@Description("Environment of the Kubernetes example service")
public record AppEnv(
    @Description("Runtime profile") Profile appEnv,
    Database database,
    @Description("HMAC key that signs tokens (Secret key jwt-secret)") @Size(min = 32) Secret<String> jwtSecret,
    @Description("Log level") @Default("info") String logLevel) {

  /** {@code DATABASE_*}: the URL comes from the Deployment, the password from the Secret. */
  public record Database(
      @Description("JDBC URL of the database") @NotBlank String url,
      @Description("Database user") @NotBlank String user,
      @Description("Database password (Secret key database-password)") Secret<String> password) {}
}
