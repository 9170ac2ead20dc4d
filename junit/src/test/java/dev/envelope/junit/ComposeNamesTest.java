package dev.envelope.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComposeNamesTest {
  @TempDir Path dir;

  @Test
  void environmentAsAMapOrAListAndEnvFilesInEverySyntaxProvideNames() throws IOException {
    Files.writeString(dir.resolve("api.env"), "SMTP_HOST=mail\n# COMMENTED=x\n");
    Files.createDirectories(dir.resolve("env"));
    Files.writeString(dir.resolve("env/prod.env"), "SENTRY_DSN=https://k@sentry.example/1\n");
    Files.writeString(dir.resolve("compose.yaml"), """
        services:
          api:
            image: shop/api
            env_file: api.env
            environment:
              APP_URL: https://shop.example
              EMPTY_ONE:
          worker:
            env_file:
              - path: env/prod.env
              - path: env/absent.env
                required: false
            environment: ["QUEUE_URL=amqp://q", LOG_LEVEL]
          db:
            env_file: [api.env]
        """);

    assertThat(ProvidedNames.fromComposeFile(dir.resolve("compose.yaml")).names())
        .containsExactly("SMTP_HOST", "APP_URL", "EMPTY_ONE", "SENTRY_DSN", "QUEUE_URL", "LOG_LEVEL");
    assertThat(ProvidedNames.fromComposeFile(dir.resolve("compose.yaml"), "worker").names())
        .containsExactly("SENTRY_DSN", "QUEUE_URL", "LOG_LEVEL");
  }

  @Test
  void aMissingRequiredEnvFileOrServiceIsAnErrorNamingIt() throws IOException {
    Files.writeString(dir.resolve("compose.yaml"), "services:\n  api:\n    env_file: missing.env\n");

    assertThatThrownBy(() -> ProvidedNames.fromComposeFile(dir.resolve("compose.yaml")))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("cannot read the env_file missing.env of " + dir.resolve("compose.yaml") + " service api");
    assertThatThrownBy(() -> ProvidedNames.fromComposeFile(dir.resolve("compose.yaml"), "web"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(dir.resolve("compose.yaml") + " has no service web (services: [api])");
  }

  @Test
  void deploymentFilesTellComposeFromKubernetesAndReadManifestsTogether() throws IOException {
    Files.writeString(dir.resolve("compose.yaml"), "services:\n  api:\n    environment: [A=1]\n  other:\n    environment: [B=1]\n");
    Files.writeString(dir.resolve("deployment.yaml"),
        "kind: Deployment\nspec: {template: {spec: {containers: [{name: app, envFrom: [{secretRef: {name: s}}]}]}}}\n");
    Files.writeString(dir.resolve("secret.yaml"), "kind: Secret\nmetadata: {name: s}\nstringData: {TOKEN: x}\n");

    ProvidedNames names = ProvidedNames.fromDeploymentFiles(List.of("deployment.yaml", "secret.yaml", "compose.yaml#api"), dir);

    assertThat(names.names()).containsExactly("TOKEN", "A");
    assertThat(names.unresolved()).isEmpty();
  }
}
