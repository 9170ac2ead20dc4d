package dev.envelope.kubernetes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.envelope.Env;
import dev.envelope.EnvException;
import dev.envelope.Problem;
import dev.envelope.Resolution;
import dev.envelope.Secret;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvDiscoveryTest {
  static final String CANARY = "canary-0b7d-discovered-mount";

  record AppEnv(Secret<String> dbPassword, String apiUrl) {}

  @TempDir Path root;

  @Test
  void deploymentNamesTheMountInEnvelopeProviders() {
    Path mount = root.resolve("app");
    KubeletVolume.create(mount, Map.of("db-password", (CANARY + "\n").getBytes(UTF_8)));

    Resolution<AppEnv> resolution = Env.builder()
        .environment(Map.of("ENVELOPE_PROVIDERS", "k8s-mount:" + mount, "API_URL", "https://api.example"))
        .noDotEnvFiles()
        .profile("production")
        .resolve(AppEnv.class);

    assertThat(resolution.value().dbPassword().reveal()).isEqualTo(CANARY);
    assertThat(resolution.report().variable("DB_PASSWORD").orElseThrow().origin())
        .isEqualTo(mount.resolve("db-password").toString());
    assertThat(resolution.report().toString()).doesNotContain(CANARY);
  }

  @Test
  void missingMountIsOneProviderProblemNamingTheDirectory() {
    Path missing = root.resolve("not-mounted");

    EnvException thrown = assertThrows(EnvException.class, () -> Env.builder()
        .environment(Map.of("ENVELOPE_PROVIDERS", "k8s-mount:" + missing, "API_URL", "https://api.example",
            "DB_PASSWORD", CANARY))
        .noDotEnvFiles()
        .load(AppEnv.class));

    assertThat(thrown.problems()).extracting(Problem::kind, Problem::variable)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Problem.Kind.PROVIDER, "k8s-mount " + missing));
    assertThat(thrown.getMessage()).contains(missing + " does not exist").doesNotContain(CANARY);
  }
}
