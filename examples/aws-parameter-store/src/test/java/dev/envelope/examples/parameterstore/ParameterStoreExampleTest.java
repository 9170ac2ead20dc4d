package dev.envelope.examples.parameterstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envelope.Profile;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterStoreExampleTest {
  @Test
  void developmentLoadsFromTheDotEnvFileWithoutCallingAws() {
    AppEnv env =
        ParameterStoreExample.load().environment(Map.of()).directory(Path.of("")).noDiscoveredProviders().load(AppEnv.class);

    assertThat(env.appEnv()).isEqualTo(Profile.DEVELOPMENT);
    assertThat(env.db().host()).isEqualTo("localhost");
    assertThat(env.db().password().reveal()).isEqualTo("dev-only-password");
    assertThat(env.allowedOrigins()).containsExactly("http://localhost:3000", "http://localhost:8080");
    assertThat(env.toString()).doesNotContain("dev-only-password").doesNotContain("dev-only-payments-key");
  }
}
