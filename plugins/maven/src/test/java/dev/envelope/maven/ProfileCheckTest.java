package dev.envelope.maven;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envelope.Problem;
import dev.envelope.Secret;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileCheckTest {
  private static final String CANARY = "canary-plugin-secret-91c4";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path directory;

  record AppEnv(String smtpHost, Duration timeout, boolean featureFlag, Secret<String> jwtSecret) {}

  @Test
  void providedNamesCountAsSetWhateverTheirType() throws Exception {
    Files.writeString(directory.resolve(".env.production"), "SMTP_HOST=smtp.internal\n");
    Deployment deployment = Deployment.of(Map.of("prod", "TIMEOUT, FEATURE_FLAG JWT_SECRET"), Map.of(), Map.of(), directory.toFile());

    ProfileCheck.Outcome outcome = ProfileCheck.run(AppEnv.class, "production", directory, deployment);

    assertThat(outcome.passed()).isTrue();
    assertThat(outcome.provided()).containsExactly("TIMEOUT", "FEATURE_FLAG", "JWT_SECRET");
    assertThat(outcome.table()).contains("complete once the deployment provides TIMEOUT, FEATURE_FLAG, JWT_SECRET");
  }

  @Test
  void aMissingVariableSaysWhereToSetIt() throws Exception {
    Files.writeString(directory.resolve(".env"), "TIMEOUT=5s\nFEATURE_FLAG=maybe\nJWT_SECRET=" + CANARY + "\n");
    Path manifest = directory.resolve("deployment.yaml");
    Files.writeString(manifest, "kind: Deployment\nspec:\n  containers:\n    - name: app\n      env:\n        - name: JWT_SECRET\n");
    Deployment deployment = Deployment.of(Map.of(), Map.of("production", "deployment.yaml"), Map.of(), directory.toFile());

    ProfileCheck.Outcome outcome = ProfileCheck.run(AppEnv.class, "production", directory, deployment);

    assertThat(outcome.problems()).extracting(Problem::variable, Problem::kind, Problem::hint).containsExactly(
        org.assertj.core.groups.Tuple.tuple("SMTP_HOST", Problem.Kind.MISSING,
            "set SMTP_HOST for production in deployment.yaml or your secret store"),
        org.assertj.core.groups.Tuple.tuple("FEATURE_FLAG", Problem.Kind.INVALID, ""));
    assertThat(outcome.table()).startsWith("Invalid environment for AppEnv (profile production): 2 problems")
        .doesNotContain(CANARY);
    JsonNode json = JSON.readTree(outcome.json());
    assertThat(json.get("valid").asBoolean()).isFalse();
    assertThat(json.get("problems").get(0).get("hint").asText())
        .isEqualTo("set SMTP_HOST for production in deployment.yaml or your secret store");
    assertThat(outcome.json()).doesNotContain(CANARY);
  }

  @Test
  void withoutAManifestTheHintNamesTheProfileFileAndTheProvidedParameter() {
    ProfileCheck.Outcome outcome = ProfileCheck.run(AppEnv.class, "staging", directory,
        Deployment.of(Map.of("staging", "TIMEOUT,FEATURE_FLAG,JWT_SECRET"), Map.of(), Map.of(), directory.toFile()));

    assertThat(outcome.problems()).singleElement().satisfies(problem -> assertThat(problem.hint())
        .isEqualTo("set SMTP_HOST in .env.staging, or declare it under <provided><staging> if the deployment provides it"));
  }

  @Test
  void aSecretCommittedToDotEnvIsAProblemInProductionAndNeverShown() throws Exception {
    Files.writeString(directory.resolve(".env"), "SMTP_HOST=h\nTIMEOUT=5s\nFEATURE_FLAG=true\nJWT_SECRET=" + CANARY + "\n");

    ProfileCheck.Outcome production = ProfileCheck.run(AppEnv.class, "production", directory,
        Deployment.of(Map.of(), Map.of(), Map.of(), directory.toFile()));
    ProfileCheck.Outcome development = ProfileCheck.run(AppEnv.class, "development", directory,
        Deployment.of(Map.of(), Map.of(), Map.of(), directory.toFile()));

    assertThat(production.problems()).extracting(Problem::variable, Problem::kind)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("JWT_SECRET", Problem.Kind.CONSTRAINT));
    assertThat(development.passed()).isTrue();
    JsonNode jwt = JSON.readTree(development.json()).get("variables").get(3);
    assertThat(jwt.get("name").asText()).isEqualTo("JWT_SECRET");
    assertThat(jwt.get("value").asText()).isEqualTo("****");
    for (ProfileCheck.Outcome outcome : List.of(production, development)) {
      assertThat(outcome.table()).doesNotContain(CANARY);
      assertThat(outcome.json()).doesNotContain(CANARY);
      assertThat(ReportFile.render(List.of(outcome))).doesNotContain(CANARY);
    }
  }

  @Test
  void aProvidedNameOverridesAnInvalidCommittedValueAsTheDeploymentWould() throws Exception {
    Files.writeString(directory.resolve(".env"), "SMTP_HOST=h\nTIMEOUT=soon\nFEATURE_FLAG=true\nJWT_SECRET=x\n");
    Deployment deployment = Deployment.of(Map.of("test", "TIMEOUT"), Map.of(), Map.of(), new File("."));

    assertThat(ProfileCheck.run(AppEnv.class, "test", directory, deployment).passed()).isTrue();
  }
}
