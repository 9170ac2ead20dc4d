package dev.envelope.benchmarks.coldstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every cold-start variant once in a JVM of its own, with the test class path, to prove they all
 * do the same work: the same values from the same {@code .env} file and environment, and the same
 * validation.
 */
class ColdStartTest {
  @TempDir Path workDir;
  @TempDir Path cdsDir;

  private String classPath;

  @BeforeEach
  void findClassPath() {
    // Surefire may start the tests from a manifest-only jar; this property has the real entries.
    classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }

  @Test
  void everyWayLoadsTheSameValuesWithTheEnvironmentOverridingTheFile() throws Exception {
    ColdStart harness = new ColdStart(workDir, cdsDir, ColdStart.ENVIRONMENT);
    harness.prepare();
    String expected =
        Fingerprint.checksum(
            "development", "http://localhost:3000", "http://localhost:8080",
            "postgres://app:app@localhost:5432/app", 2, 20,
            "redis://localhost:6379",
            "dev-only-signing-key-not-for-production", "PT15M", "PT168H",
            "localhost", 2525, "dev", "dev",
            "app-uploads-dev", "eu-west-1", "dev-access-key", "dev-secret-key",
            "https://public@sentry.example.com/1",
            "WARN");

    for (Variant variant : Variant.ALL) {
      ColdStart.Run run = harness.run(variant.withClassPath(classPath), List.of());
      assertThat(run.checksum()).as(variant.name()).isEqualTo(expected);
      assertThat(run.wallMs()).as(variant.name()).isPositive();
    }
  }

  @Test
  void everyWayWithConstraintsRejectsAShortJwtSecretWithoutPrintingIt() throws Exception {
    String canary = "canary-7f3a-too-short";
    Map<String, String> environment = new HashMap<>(ColdStart.ENVIRONMENT);
    environment.put("JWT_SECRET", canary);
    ColdStart harness = new ColdStart(workDir, cdsDir, environment);
    harness.prepare();

    for (Variant variant : Variant.ALL) {
      if (variant.name().equals("envelope-noconstraints")) {
        continue; // has no @Size by design: it measures a schema without constraints
      }
      ColdStart.Execution execution = harness.execute(variant.withClassPath(classPath), List.of());
      assertThat(execution.exitCode()).as(variant.name()).isNotZero();
      assertThat(execution.output().toLowerCase(java.util.Locale.ROOT)).as(variant.name())
          .containsAnyOf("jwt_secret", "jwt.secret")
          .doesNotContain("checksum=");
      assertThat(execution.output()).as(variant.name()).doesNotContain(canary);
    }
  }
}
