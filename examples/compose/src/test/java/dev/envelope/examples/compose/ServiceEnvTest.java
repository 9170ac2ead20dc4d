package dev.envelope.examples.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envelope.DotEnvSyntax;
import dev.envelope.Env;
import dev.envelope.EnvException;
import dev.envelope.Problem;
import dev.envelope.Profile;
import dev.envelope.Resolution;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Loads the committed Compose files for each profile, without reading the real environment. */
class ServiceEnvTest {
  private static final String CANARY_PASSWORD = "canary-prod-db-password-7f3e";

  private static Env.Builder compose(String profile, Map<String, String> environment) {
    return Env.builder().dotEnvSyntax(DotEnvSyntax.COMPOSE).directory(Path.of("docker")).profile(profile)
        .environment(environment).noDiscoveredProviders();
  }

  @Test
  void devReadsDockerEnvDevAsComposeDoes() {
    ServiceEnv env = compose("dev", Map.of()).load(ServiceEnv.class);

    assertThat(env.appEnv()).isEqualTo(Profile.DEVELOPMENT);
    assertThat(env.brandColor()).isEqualTo("#2f6feb");
    assertThat(env.database().password().reveal()).isEqualTo("dev-only-pa$word");
    assertThat(env.database().url()).isEqualTo(URI.create("postgres://orders@localhost:5432/orders"));
    assertThat(env.logLevel()).isEqualTo("debug");
  }

  @Test
  void devFileMeansSomethingElseInTheDefaultSyntax() {
    // There, "#2f6feb" starts a comment: the colour is empty and fails its pattern.
    assertThatThrownBy(() -> Env.builder().directory(Path.of("docker")).profile("dev").environment(Map.of())
            .noDiscoveredProviders().load(ServiceEnv.class))
        .isInstanceOfSatisfying(EnvException.class, e -> assertThat(e.problems())
            .extracting(Problem::variable, Problem::origin)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("BRAND_COLOR",
                Path.of("docker").resolve(".env.dev") + ":5")));
  }

  @Test
  void prodTakesThePasswordAndHostFromTheDeploymentsEnvironment() {
    Resolution<ServiceEnv> resolution = compose("prod",
        Map.of("DATABASE_HOST", "db.internal", "DATABASE_PASSWORD", CANARY_PASSWORD)).resolve(ServiceEnv.class);

    ServiceEnv env = resolution.value();
    assertThat(env.appEnv()).isEqualTo(Profile.PRODUCTION);
    assertThat(env.database().url()).isEqualTo(URI.create("postgres://orders_app@db.internal:5432/orders"));
    assertThat(env.database().password().reveal()).isEqualTo(CANARY_PASSWORD);
    assertThat(resolution.report().variable("DATABASE_PASSWORD").orElseThrow().origin()).isEqualTo("environment");
    assertThat(resolution.report().toString()).doesNotContain(CANARY_PASSWORD);
  }

  @Test
  void prodWithoutTheDatabaseHostSaysWhatToSetAndWhere() {
    assertThatThrownBy(() -> compose("prod", Map.of("DATABASE_PASSWORD", CANARY_PASSWORD)).load(ServiceEnv.class))
        .isInstanceOfSatisfying(EnvException.class, e -> {
          assertThat(e.problems()).contains(new Problem("DATABASE_HOST", Problem.Kind.MISSING,
              "required but not set (needed by DATABASE_HOST): set DATABASE_HOST to the production database host",
              Path.of("docker").resolve(".env.prod") + ":6"));
          assertThat(e.getMessage()).doesNotContain(CANARY_PASSWORD);
        });
  }
}
