package dev.envelope.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.envelope.Default;
import dev.envelope.DefaultIn;
import dev.envelope.Profile;
import dev.envelope.RequiredIn;
import dev.envelope.Secret;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

class EnvCoverageTest {
  record DeployedEnv(
      Profile appEnv,
      URI appUrl,
      @DefaultIn(profile = "development", value = "local-key-0123456789abcdef0123456789") Secret<String> apiKey,
      @Default("10") int poolMax,
      @RequiredIn("production") Optional<URI> sentryDsn) {}

  @Test
  void passesWhenEveryRequiredNameIsProvided() {
    assertThatCode(() -> EnvCoverage.assertProvides(DeployedEnv.class, "production", ProvidedNames.of("APP_URL", "API_KEY", "SENTRY_DSN")))
        .doesNotThrowAnyException();
  }

  @Test
  void requirementsDependOnTheProfile() {
    assertThatCode(() -> EnvCoverage.assertProvides(DeployedEnv.class, "development", ProvidedNames.of("APP_URL")))
        .doesNotThrowAnyException();
    assertThatCode(() -> EnvCoverage.assertProvides(DeployedEnv.class, "staging", ProvidedNames.of("APP_URL", "API_KEY")))
        .doesNotThrowAnyException();
  }

  @Test
  void failureNamesEveryMissingVariableAndTheSource() {
    Throwable failure =
        catchThrowable(() -> EnvCoverage.assertProvides(DeployedEnv.class, "prod", ProvidedNames.of("APP_URL", "POOL_MAX")));

    assertThat(failure)
        .isInstanceOf(AssertionFailedError.class)
        .hasMessage("""
            DeployedEnv requires 2 variables in prod that the given list does not provide:
              API_KEY
              SENTRY_DSN
            (2 names provided; NAME or NAME_FILE counts as provided)""");
  }

  @Test
  void aFileVariantCountsAsProvided() {
    assertThatCode(
            () -> EnvCoverage.assertProvides(DeployedEnv.class, "production", ProvidedNames.of("APP_URL", "API_KEY_FILE", "SENTRY_DSN")))
        .doesNotThrowAnyException();
  }

  @Test
  void readsNamesFromAnEnvFileIgnoringCommentedLinesAndNeverNeedingValues(@TempDir Path directory) throws Exception {
    Path file = Files.writeString(directory.resolve(".env.example"), "APP_URL=\nAPI_KEY=\n# SENTRY_DSN=\nexport POOL_MAX=3\n");

    ProvidedNames names = ProvidedNames.fromDotEnv(file);

    assertThat(names.names()).containsExactly("APP_URL", "API_KEY", "POOL_MAX");
    assertThat(catchThrowable(() -> EnvCoverage.assertProvides(DeployedEnv.class, "production", names)))
        .hasMessageStartingWith("DeployedEnv requires 1 variable in production that " + file + " does not provide:\n  SENTRY_DSN\n");
  }

  @Test
  void combinesAManifestWithAnEnvFile(@TempDir Path directory) throws Exception {
    Path manifest = Files.writeString(directory.resolve("secret.yaml"), "kind: Secret\nstringData:\n  API_KEY: x\n");
    Path env = Files.writeString(directory.resolve("app.env"), "APP_URL=https://shop.example\nSENTRY_DSN=https://sentry.example/1\n");

    ProvidedNames names = ProvidedNames.fromKubernetesManifest(manifest).and(ProvidedNames.fromDotEnv(env));

    assertThat(names.source()).isEqualTo(manifest + " and " + env);
    assertThatCode(() -> EnvCoverage.assertProvides(DeployedEnv.class, "production", names)).doesNotThrowAnyException();
  }
}
