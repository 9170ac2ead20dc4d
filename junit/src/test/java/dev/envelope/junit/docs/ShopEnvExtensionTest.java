package dev.envelope.junit.docs;

import static dev.envelope.Problem.Kind.MISSING;
import static dev.envelope.junit.EnvAssertions.assertProblems;
import static dev.envelope.junit.EnvAssertions.problem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.envelope.EnvException;
import dev.envelope.Report;
import dev.envelope.junit.EnvTest;
import org.junit.jupiter.api.Test;

@EnvTest(
    schema = ShopEnv.class,
    profile = "test",
    values = {"APP_URL=http://localhost:8080", "DATABASE_URL=jdbc:h2:mem:shop"})
class ShopEnvExtensionTest {
  @Test
  void loadsWithTheClassValues(ShopEnv env) {
    assertThat(env.appUrl().getPort()).isEqualTo(8080);
  }

  @Test
  @EnvTest(values = "DATABASE_POOL_MAX=50")
  void aMethodAddsValues(ShopEnv env) {
    assertThat(env.database().poolMax()).isEqualTo(50);
  }

  @Test
  @EnvTest(profile = "production")
  void productionNeedsTheSecretAndSentry(EnvException failure) {
    assertProblems(failure,
        problem("JWT_SECRET", MISSING),
        problem("SENTRY_DSN", MISSING));
  }

  @Test
  void theReportSaysWhereValuesCameFrom(Report report) {
    assertThat(report.variable("APP_URL")).get()
        .extracting(Report.Variable::origin).isEqualTo("environment");
    assertThat(report.variable("SESSION_TTL")).get()
        .extracting(Report.Variable::origin).isEqualTo("default");
  }
}
