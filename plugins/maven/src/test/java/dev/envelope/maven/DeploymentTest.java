package dev.envelope.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentTest {
  @TempDir Path basedir;

  @Test
  void namesFromTheListAndFromManifestsAreJoinedUnderTheCanonicalProfile() throws Exception {
    Files.createDirectories(basedir.resolve("k8s"));
    Files.writeString(basedir.resolve("k8s/secret.yaml"), "kind: Secret\nstringData:\n  DATABASE_PASSWORD: x\n");
    Files.writeString(basedir.resolve("k8s/deployment.yaml"),
        "kind: Deployment\nspec:\n  containers:\n    - name: app\n      env:\n        - name: SMTP_HOST\n          value: smtp\n");
    Map<String, String> provided = new LinkedHashMap<>();
    provided.put("prod", "JWT_SECRET,\n  SENTRY_DSN");
    provided.put("stage", "JWT_SECRET");

    Deployment deployment = Deployment.of(provided, Map.of("production", "k8s/deployment.yaml, k8s/secret.yaml"), Map.of(), basedir.toFile());

    assertThat(deployment.names("production"))
        .containsExactly("JWT_SECRET", "SENTRY_DSN", "SMTP_HOST", "DATABASE_PASSWORD");
    assertThat(deployment.names("staging")).containsExactly("JWT_SECRET");
    assertThat(deployment.names("development")).isEmpty();
    assertThat(deployment.whereToSet("API_KEY", "production"))
        .isEqualTo("set API_KEY for production in k8s/deployment.yaml or k8s/secret.yaml or your secret store");
  }

  @Test
  void aMissingManifestIsAnErrorNamingIt() {
    assertThatThrownBy(() -> Deployment.of(Map.of(), Map.of("production", "k8s/nope.yaml"), Map.of(), basedir.toFile()))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("nope.yaml");
  }

  @Test
  void anInvalidProfileNameIsAnError() {
    assertThatThrownBy(() -> Deployment.of(Map.of("no such profile!", "A"), Map.of(), Map.of(), basedir.toFile()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anEnvFileProvidesItsKeysButNotItsCommentedOutLines() throws Exception {
    Files.writeString(basedir.resolve("prod.env"), "SMTP_HOST=smtp\n# SENTRY_DSN=\nexport JWT_SECRET=\n");

    Deployment deployment = Deployment.of(Map.of(), Map.of(), Map.of("production", "prod.env"), basedir.toFile());

    assertThat(deployment.names("production")).containsExactly("SMTP_HOST", "JWT_SECRET");
    assertThat(deployment.whereToSet("SENTRY_DSN", "production"))
        .isEqualTo("set SENTRY_DSN for production in prod.env or your secret store");
  }

  @Test
  void aComposeFileAndAnEnvFromAcrossManifestsProvideNamesAndAnUnknownSecretIsListed() throws Exception {
    Files.createDirectories(basedir.resolve("k8s"));
    Files.writeString(basedir.resolve("k8s/deployment.yaml"), """
        kind: Deployment
        spec: {template: {spec: {containers: [{name: app, envFrom: [{secretRef: {name: app}, prefix: APP_}, {configMapRef: {name: elsewhere}}]}]}}}
        """);
    Files.writeString(basedir.resolve("k8s/secret.yaml"), "kind: Secret\nmetadata: {name: app}\nstringData: {JWT_SECRET: x}\n");
    Files.writeString(basedir.resolve("compose.yaml"), "services:\n  api:\n    environment:\n      SMTP_HOST: mail\n");

    Deployment deployment = Deployment.of(Map.of(),
        Map.of("production", "k8s/deployment.yaml, k8s/secret.yaml", "staging", "compose.yaml#api"), Map.of(), basedir.toFile());

    assertThat(deployment.names("production")).containsExactly("APP_JWT_SECRET");
    assertThat(deployment.names("staging")).containsExactly("SMTP_HOST");
    assertThat(deployment.unresolved()).containsExactly("production: ConfigMap elsewhere (envFrom of container app)");
  }
}
