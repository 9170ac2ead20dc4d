package dev.envelope.junit.docs;

import dev.envelope.junit.EnvCoverage;
import dev.envelope.junit.ProvidedNames;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ShopDeploymentTest {
  private static final Path DEPLOY = Path.of("src/test/resources/dev/envelope/junit/docs");

  @Test
  void productionManifestProvidesEveryRequiredVariable() {
    EnvCoverage.assertProvides(ShopEnv.class, "production",
        ProvidedNames.fromKubernetesManifest(DEPLOY.resolve("production.yaml")));
  }

  @Test
  void stagingEnvFileProvidesEveryRequiredVariable() {
    EnvCoverage.assertProvides(ShopEnv.class, "staging",
        ProvidedNames.fromDotEnv(DEPLOY.resolve("staging.env")));
  }

  @Test
  void aListWorksToo() {
    EnvCoverage.assertProvides(ShopEnv.class, "test",
        ProvidedNames.of("APP_URL", "DATABASE_URL"));
  }
}
