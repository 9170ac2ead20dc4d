package dev.envelope.examples.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envelope.Env;
import dev.envelope.EnvException;
import dev.envelope.Problem;
import dev.envelope.Resolution;
import dev.envelope.junit.EnvCoverage;
import dev.envelope.junit.ProvidedNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loads the example's schema the way the Deployment in k8s/ provides it, with no cluster. */
class AppEnvTest {
  private static final String JWT = "canary-jwt-secret-of-at-least-32-characters";

  /** Lays out a Secret volume as the kubelet does: ..data -> a timestamped directory, key symlinks. */
  private static Path mountedSecret(Path root, Map<String, String> keys) throws IOException {
    Path version = Files.createDirectory(root.resolve("..2026_11_22_05_00_00.000000001"));
    for (Map.Entry<String, String> key : keys.entrySet()) {
      Files.writeString(version.resolve(key.getKey()), key.getValue());
    }
    Files.createSymbolicLink(root.resolve("..data"), version.getFileName());
    for (String key : keys.keySet()) {
      Files.createSymbolicLink(root.resolve(key), Path.of("..data", key));
    }
    return root;
  }

  private static Env.Builder deployment(Path secrets) {
    return Env.builder().hermetic().environment(Map.of(
        "APP_ENV", "production",
        "DATABASE_URL", "jdbc:postgresql://db:5432/app",
        "DATABASE_USER", "app",
        "ENVELOPE_PROVIDERS", "k8s-mount:" + secrets));
  }

  @Test
  void loadsSecretsFromTheMountedVolume(@TempDir Path dir) throws IOException {
    Path secrets = mountedSecret(dir, Map.of("database-password", "canary-db-password\n", "jwt-secret", JWT + "\n"));

    Resolution<AppEnv> resolution = deployment(secrets).resolve(AppEnv.class);

    assertThat(resolution.value().database().password().reveal()).isEqualTo("canary-db-password");
    assertThat(resolution.value().jwtSecret().reveal()).isEqualTo(JWT);
    assertThat(resolution.report().variable("JWT_SECRET").orElseThrow().origin())
        .isEqualTo(secrets.resolve("jwt-secret").toString());
    assertThat(resolution.report().toString()).doesNotContain("canary");
  }

  @Test
  void aMissingKeyNamesTheMountAmongThePlacesLookedIn(@TempDir Path dir) throws IOException {
    Path secrets = mountedSecret(dir, Map.of("jwt-secret", JWT));

    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> deployment(secrets).load(AppEnv.class));

    assertThat(thrown).isInstanceOfSatisfying(EnvException.class, e -> {
      assertThat(e.problems()).extracting(Problem::variable, Problem::kind)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("DATABASE_PASSWORD", Problem.Kind.MISSING));
      assertThat(e.problems().get(0).origin()).contains("k8s-mount " + secrets);
      assertThat(e.getMessage()).doesNotContain("canary");
    });
  }

  @Test
  void theManifestsProvideEverythingProductionRequires() {
    // Read together, the Secret volume the Deployment mounts provides the Secret's keys as the
    // mounted-secrets provider names them (db-password is DB_PASSWORD).
    ProvidedNames provided = ProvidedNames.fromKubernetesManifests(List.of(Path.of("k8s/deployment.yaml"), Path.of("k8s/secret.yaml")));

    assertThat(provided.unresolved()).isEmpty();
    EnvCoverage.assertProvides(AppEnv.class, "production", provided);
  }

  @Test
  void theScalePathWithTheExternalSecretsOperatorProvidesEverythingProductionRequires() {
    // The operator makes app-secrets from the store; the Deployment mounts it as it mounts the hand-made one.
    ProvidedNames provided = ProvidedNames.fromKubernetesManifests(
        List.of(Path.of("k8s/deployment.yaml"), Path.of("k8s/scale/external-secrets.yaml")));

    assertThat(provided.unresolved()).isEmpty();
    EnvCoverage.assertProvides(AppEnv.class, "production", provided);
  }

  @Test
  void theDopplerOperatorsSecretLoadsButOnlyDopplerKnowsItsKeys(@TempDir Path dir) throws IOException {
    ProvidedNames provided = ProvidedNames.fromKubernetesManifests(
        List.of(Path.of("k8s/deployment.yaml"), Path.of("k8s/scale/doppler-operator.yaml")));
    // The operator names the Secret's keys as Doppler does, and the mounted-secrets provider reads them as they are.
    Path secrets = mountedSecret(dir, Map.of("DATABASE_PASSWORD", "canary-db-password", "JWT_SECRET", JWT));

    AppEnv env = deployment(secrets).load(AppEnv.class);

    assertThat(provided.unresolved()).containsExactly("Secret app-secrets (volume of container app;"
        + " DopplerSecret app-secrets copies every secret of its Doppler config)");
    assertThat(env.database().password().reveal()).isEqualTo("canary-db-password");
    assertThat(env.jwtSecret().reveal()).isEqualTo(JWT);
  }
}
