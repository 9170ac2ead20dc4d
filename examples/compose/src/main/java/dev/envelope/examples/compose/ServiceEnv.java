package dev.envelope.examples.compose;

import dev.envelope.Default;
import dev.envelope.Description;
import dev.envelope.Profile;
import dev.envelope.Secret;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.net.URI;

/** The environment of the orders service, as its Compose files set it. */
@Description("Environment of the orders service")
public record ServiceEnv(
    @Description("Runtime profile: dev or prod") Profile appEnv,
    @Description("Name the service reports itself as") @NotBlank String serviceName,
    @Description("Public URL of the service") URI publicUrl,
    @Description("Colour of the web pages' header") @Pattern(regexp = "#[0-9a-fA-F]{6}") String brandColor,
    Database database,
    @Description("Log level") @Default("info") String logLevel) {

  /** {@code DATABASE_*}: the service's database. */
  public record Database(
      @Description("Database host") @NotBlank String host,
      @Description("Database port") @Min(1) @Max(65535) int port,
      @Description("Database name") @NotBlank String name,
      @Description("Database user") @NotBlank String user,
      @Description("Database password") Secret<String> password,
      @Description("URL built from the parts above") URI url) {}
}
