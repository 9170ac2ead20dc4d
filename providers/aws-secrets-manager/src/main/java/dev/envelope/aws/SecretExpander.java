package dev.envelope.aws;

import dev.envelope.spi.JsonSecretExpander;
import dev.envelope.spi.ProviderSnapshot;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Turns the value of a secret into variables: each key of a JSON object becomes one variable (under
 * the secret's prefix), or the whole value becomes the one variable the configuration names.
 *
 * <p>The rules for JSON secrets are {@link JsonSecretExpander}'s, shared with the other providers that
 * expand JSON secrets. Problems are added to a list and never contain a value: a secret that is not
 * the JSON object its configuration expects is reported by its id alone.
 */
final class SecretExpander {
  static final String ORIGIN_PREFIX = "aws-secretsmanager ";

  private SecretExpander() {}

  /**
   * Adds the variables of {@code secret} to {@code snapshot}, skipping names already in {@code seen}
   * (an earlier secret wins), and adds what is wrong with it to {@code problems}.
   */
  static void expand(
      AwsSecret secret,
      SecretReader.SecretValue value,
      ProviderSnapshot.Builder snapshot,
      Set<String> seen,
      List<String> problems) {
    String version = value.versionId == null ? "" : " (version " + value.versionId + ")";
    String origin = ORIGIN_PREFIX + secret.id();
    if (value.string == null && value.binary == null) {
      problems.add(secret.describe() + ": Secrets Manager returned neither a SecretString nor a SecretBinary");
      return;
    }
    if (secret.variable() != null) {
      String whole =
          value.string != null ? value.string : Base64.getEncoder().encodeToString(value.binary.asByteArrayUnsafe());
      if (seen.add(secret.variable())) {
        snapshot.put(secret.variable(), whole, origin + version);
      }
      return;
    }
    if (value.string == null) {
      problems.add(
          secret.describe()
              + ": the secret is binary, so it has no JSON keys to expand; read it into one variable"
              + " (name=VARIABLE in the URI, AwsSecret.plain in code) to get it as base64");
      return;
    }
    JsonSecretExpander.Expansion expansion =
        JsonSecretExpander.expand(value.string, secret.prefix(), " (name=VARIABLE in the URI, AwsSecret.plain in code)");
    for (String problem : expansion.problems()) {
      problems.add(secret.describe() + ": " + problem);
    }
    for (JsonSecretExpander.Variable variable : expansion.variables()) {
      if (seen.add(variable.name())) {
        snapshot.put(variable.name(), variable.value(), origin + "#" + variable.key() + version);
      }
    }
  }
}
