package dev.envelope.examples.doppler;

import dev.envelope.Env;
import dev.envelope.Resolution;
import dev.envelope.doppler.DopplerProvider;
import java.nio.file.Path;

/**
 * Loads {@link AppEnv} from Doppler in {@code staging} and {@code production}, and from the {@code
 * .env} files in {@code development}, where no Doppler token is needed.
 *
 * <p>Run it with {@code ../../mvnw -q exec:exec} in this folder: it prints where every value came
 * from. In production, set {@code APP_ENV=production} and {@code DOPPLER_TOKEN} to a service token
 * of the production config.
 */
public final class DopplerExample {
  private DopplerExample() {}

  /**
   * Returns the load every environment shares: Doppler for the deployed profiles only. Its token,
   * project and config come from {@code DOPPLER_TOKEN} (a service token names both), or {@code
   * DOPPLER_PROJECT} and {@code DOPPLER_CONFIG}.
   */
  static Env.Builder environment() {
    DopplerProvider doppler =
        DopplerProvider.builder()
            // Keeps the service starting on its last-known-good secrets if Doppler is down.
            .fallbackFile(Path.of(System.getProperty("java.io.tmpdir"), "envelope-example-doppler", "fallback.json"))
            .build();
    return Env.builder().provider(doppler, "staging", "production");
  }

  public static void main(String[] args) {
    Resolution<AppEnv> resolution = environment().resolve(AppEnv.class);
    AppEnv env = resolution.value();
    System.out.println("Loaded " + env.appEnv() + " environment; JWT secret " + env.jwtSecret());
    System.out.println(resolution.report());
  }
}
