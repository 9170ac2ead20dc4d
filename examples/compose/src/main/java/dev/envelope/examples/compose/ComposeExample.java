package dev.envelope.examples.compose;

import dev.envelope.DotEnvSyntax;
import dev.envelope.Env;
import dev.envelope.EnvException;
import java.nio.file.Path;

/**
 * Loads {@link ServiceEnv} from the environment and the {@code docker/.env.{profile}} file that the
 * service's Compose setup uses, read as {@code docker compose} reads it; the profile comes from
 * {@code APP_ENV} ({@code dev} or {@code prod}, default {@code dev}).
 */
public final class ComposeExample {
  private ComposeExample() {}

  public static void main(String[] args) {
    ServiceEnv env;
    try {
      env = Env.builder().dotEnvSyntax(DotEnvSyntax.COMPOSE).directory(Path.of("docker")).load(ServiceEnv.class);
    } catch (EnvException e) {
      System.err.println(e.getMessage());
      System.exit(1);
      return;
    }
    System.out.println("Loaded ServiceEnv (profile " + env.appEnv() + ")");
    System.out.println("  service        " + env.serviceName() + " at " + env.publicUrl()
        + ", colour " + env.brandColor());
    System.out.println("  database       " + env.database().url() + ", password " + env.database().password());
    System.out.println("  log level      " + env.logLevel());
  }
}
