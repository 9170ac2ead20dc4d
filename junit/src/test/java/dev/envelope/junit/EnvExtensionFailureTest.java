package dev.envelope.junit;

import static dev.envelope.Problem.Kind.CONSTRAINT;
import static dev.envelope.Problem.Kind.MISSING;
import static dev.envelope.junit.AppEnv.LONG_CANARY;
import static dev.envelope.junit.AppEnv.SHORT_CANARY;
import static dev.envelope.junit.EnvAssertions.assertProblems;
import static dev.envelope.junit.EnvAssertions.problem;
import static dev.envelope.junit.EnvAssertionsTest.printed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.envelope.EnvException;
import dev.envelope.Report;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** How {@link EnvTest} tests see a failing load, and what the failures of the extension say. */
class EnvExtensionFailureTest {
  @ExtendWith(OnlyInTestKit.class)
  @EnvTest(profile = "production", values = "JWT_SECRET=" + SHORT_CANARY)
  static class ExpectsFailure {
    @Test
    @EnvTest(schema = AppEnv.class)
    void receivesTheException(EnvException failure) {
      assertProblems(failure, problem("APP_URL", MISSING), problem("JWT_SECRET", CONSTRAINT));
      assertThat(failure.schema()).isEqualTo("AppEnv");
    }

    @Test
    @EnvTest(schema = AppEnv.class, values = "APP_URL=https://shop.example")
    void methodValuesApplyToTheFailureToo(EnvException failure) {
      assertProblems(failure, problem("JWT_SECRET", CONSTRAINT));
    }
  }

  @Test
  void aTestCanReceiveTheFailure() {
    EngineExecutionResults results = EngineRun.run(ExpectsFailure.class);

    assertThat(EngineRun.failures(results)).isEmpty();
    results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
  }

  @ExtendWith(OnlyInTestKit.class)
  @EnvTest(profile = "production", values = "JWT_SECRET=" + SHORT_CANARY)
  static class FailingLoad {
    @Test
    void needsTheRecord(AppEnv env) {}
  }

  @Test
  void aFailingLoadFailsTheTestWithTheProblemTableAndNoSecret() {
    EngineExecutionResults results = EngineRun.run(FailingLoad.class);

    results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
    Throwable failure = EngineRun.failures(results).get(0);
    assertThat(failure)
        .isInstanceOf(ParameterResolutionException.class)
        .hasMessageStartingWith("Envelope could not load AppEnv for parameter env")
        .hasMessageContaining("Invalid environment for AppEnv (profile production): 2 problems")
        .hasMessageContaining("APP_URL")
        .hasMessageContaining("JWT_SECRET");
    assertThat(printed(failure)).doesNotContain(SHORT_CANARY);
  }

  @ExtendWith(OnlyInTestKit.class)
  @EnvTest(profile = "production", values = {"APP_URL=https://shop.example", "JWT_SECRET=" + LONG_CANARY})
  static class UnexpectedSuccess {
    @Test
    void expectedAFailure(AppEnv env, EnvException failure) {}
  }

  @Test
  void askingForTheFailureOfALoadThatSucceedsFailsWithTheMaskedReport() {
    EngineExecutionResults results = EngineRun.run(UnexpectedSuccess.class);

    Throwable failure = EngineRun.failures(results).get(0);
    assertThat(failure)
        .isInstanceOf(ParameterResolutionException.class)
        .hasMessageStartingWith("Expected AppEnv to fail to load for failure, but it loaded:")
        .hasMessageContaining("****");
    assertThat(printed(failure)).doesNotContain(LONG_CANARY);
  }

  @ExtendWith(OnlyInTestKit.class)
  static class NoSchemaNamed {
    @Test
    @EnvTest(profile = "test")
    void onlyTheReport(Report report) {}
  }

  @Test
  void aParameterThatDoesNotNameTheSchemaAsksForIt() {
    Throwable failure = EngineRun.failures(EngineRun.run(NoSchemaNamed.class)).get(0);

    assertThat(failure).hasMessageContaining("declare it with @EnvTest(schema = YourEnv.class)");
  }
}
