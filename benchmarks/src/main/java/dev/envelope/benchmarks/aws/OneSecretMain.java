package dev.envelope.benchmarks.aws;

import dev.envelope.Env;
import dev.envelope.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads a one-secret schema with {@code Env.load}: from AWS Secrets Manager when the environment
 * lists it in {@code ENVELOPE_PROVIDERS}, from the environment otherwise. Prints the secret's length
 * (never the secret) and the process's peak RSS.
 */
public final class OneSecretMain {
  /** The schema: one secret. */
  public record OneSecret(Secret<String> apiKey) {}

  private OneSecretMain() {}

  public static void main(String[] args) throws IOException {
    OneSecret env = Env.builder().noDotEnvFiles().load(OneSecret.class);
    String rss = "?";
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        rss = line.substring(6).trim().split("\\s+")[0];
      }
    }
    System.out.println("length=" + env.apiKey().reveal().length() + " rss_kb=" + rss);
  }
}
