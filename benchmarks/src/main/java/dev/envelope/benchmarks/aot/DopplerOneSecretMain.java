package dev.envelope.benchmarks.aot;

import dev.envelope.Env;
import dev.envelope.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads a two-variable schema: from Doppler when {@code ENVELOPE_PROVIDERS} names it (the endpoint
 * and token from {@code DOPPLER_API_HOST} and {@code DOPPLER_TOKEN}), from the environment otherwise.
 * Prints the secret's length (never the secret) and the peak RSS.
 */
public final class DopplerOneSecretMain {
  /** The schema: a URL and a secret. */
  public record TwoVariables(String databaseUrl, Secret<String> jwtSecret) {}

  private DopplerOneSecretMain() {}

  public static void main(String[] args) throws IOException {
    TwoVariables env = Env.builder().noDotEnvFiles().load(TwoVariables.class);
    String rss = "?";
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        rss = line.substring(6).trim().split("\\s+")[0];
      }
    }
    System.out.println("length=" + env.jwtSecret().reveal().length() + " rss_kb=" + rss);
  }
}
