package dev.envelope.examples.azure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envelope.Profile;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AzureExampleTest {
  @Test
  void developmentLoadsFromTheDotEnvFileWithoutCallingAzure() {
    AppEnv env =
        AzureExample.load().environment(Map.of()).directory(Path.of("")).noDiscoveredProviders().load(AppEnv.class);

    assertThat(env.appEnv()).isEqualTo(Profile.DEVELOPMENT);
    assertThat(env.database().username()).isEqualTo("app");
    assertThat(env.database().password().reveal()).isEqualTo("dev-only-password");
    assertThat(env.toString()).doesNotContain("dev-only-password").doesNotContain("dev-only-payments-key");
  }
}
