package dev.envelope.examples.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envelope.Profile;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GcpExampleTest {
  @Test
  void developmentLoadsFromTheDotEnvFileWithoutCallingGoogleCloud() {
    AppEnv env =
        GcpExample.load().environment(Map.of()).directory(Path.of("")).noDiscoveredProviders().load(AppEnv.class);

    assertThat(env.appEnv()).isEqualTo(Profile.DEVELOPMENT);
    assertThat(env.database().host()).isEqualTo("localhost");
    assertThat(env.database().password().reveal()).isEqualTo("dev-only-password");
    assertThat(env.paymentsApiKey().reveal()).isEqualTo("dev-only-payments-key");
    assertThat(env.toString()).doesNotContain("dev-only-password").doesNotContain("dev-only-payments-key");
  }
}
