package dev.envelope.examples.kubernetes;

import dev.envelope.Env;
import dev.envelope.EnvException;
import dev.envelope.Resolution;

/**
 * Loads {@link AppEnv} and prints where each variable came from, with secrets masked; prints the
 * problem table and exits with status 1 when the environment is invalid.
 *
 * <p>The code names no secret store: the Deployment sets {@code
 * ENVELOPE_PROVIDERS=k8s-mount:/var/run/secrets/app}, and the same build reads {@code .env} files
 * on a laptop. To fix the store in code instead, use {@code Env.builder().provider(
 * MountedSecretsProvider.of(Path.of("/var/run/secrets/app"))).load(AppEnv.class)}.
 */
public final class KubernetesExample {
  private KubernetesExample() {}

  /**
   * Loads and prints the environment; with {@code --watch}, loads it again every minute, showing that
   * an updated Secret reaches a running pod through its volume.
   */
  public static void main(String[] args) throws InterruptedException {
    boolean watch = args.length > 0 && args[0].equals("--watch");
    do {
      Resolution<AppEnv> resolution;
      try {
        resolution = Env.builder().resolve(AppEnv.class);
      } catch (EnvException e) {
        System.err.println(e.getMessage());
        System.exit(1);
        return;
      }
      print(resolution);
      if (watch) {
        Thread.sleep(60_000);
      }
    } while (watch);
  }

  private static void print(Resolution<AppEnv> resolution) {
    AppEnv env = resolution.value();
    System.out.println("Loaded AppEnv (profile " + env.appEnv() + ")");
    System.out.println("  database  " + env.database().user() + " @ " + env.database().url()
        + ", password " + env.database().password());
    System.out.println("  jwt       secret " + env.jwtSecret());
    System.out.println("  log level " + env.logLevel());
    System.out.println();
    System.out.println(resolution.report());
  }
}
