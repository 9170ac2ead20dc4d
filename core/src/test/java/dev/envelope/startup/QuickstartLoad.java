package dev.envelope.startup;

import dev.envelope.Default;
import dev.envelope.Env;
import dev.envelope.Profile;
import dev.envelope.RequiredIn;
import dev.envelope.Secret;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.hibernate.validator.constraints.URL;

/** Loads the quickstart's schema from a {@code .env} file in a fresh JVM, for {@link LoadPathTest}. */
public final class QuickstartLoad {
  public enum LogLevel { DEBUG, INFO, WARN, ERROR }

  public record AppEnv(
      dev.envelope.Profile appEnv,
      @URL String appUrl,
      Database database,
      @Size(min = 32) Secret<String> jwtSecret,
      @Default("15m") Duration jwtExpiresIn,
      @RequiredIn("production") Optional<URI> sentryDsn,
      @Default("info") LogLevel logLevel) {
    public record Database(String url, @Default("2") @Min(0) int poolMin, @Default("10") @Max(500) int poolMax) {}
  }

  private QuickstartLoad() {}

  public static void main(String[] args) {
    if (args.length > 0) {
      AppEnv env = Env.builder().hermetic().directory(Path.of(args[0])).load(AppEnv.class);
      System.out.println("loaded " + env.database().poolMax());
    } else {
      System.out.println("nothing loaded");
    }
  }
}
