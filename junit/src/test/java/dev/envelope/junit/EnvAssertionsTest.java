package dev.envelope.junit;

import static dev.envelope.Problem.Kind.CONSTRAINT;
import static dev.envelope.Problem.Kind.INVALID;
import static dev.envelope.Problem.Kind.MISSING;
import static dev.envelope.junit.AppEnv.LONG_CANARY;
import static dev.envelope.junit.AppEnv.SHORT_CANARY;
import static dev.envelope.junit.EnvAssertions.assertFails;
import static dev.envelope.junit.EnvAssertions.assertLoads;
import static dev.envelope.junit.EnvAssertions.assertProblems;
import static dev.envelope.junit.EnvAssertions.assertResolves;
import static dev.envelope.junit.EnvAssertions.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.envelope.EnvException;
import dev.envelope.Resolution;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

class EnvAssertionsTest {
  @Test
  void assertLoadsReturnsTheRecord() {
    AppEnv env = assertLoads(AppEnv.class, "staging", Map.of("APP_URL", "https://shop.example", "JWT_SECRET", LONG_CANARY));

    assertThat(env.appUrl().getHost()).isEqualTo("shop.example");
    assertThat(env.jwtSecret().reveal()).isEqualTo(LONG_CANARY);
    assertThat(env.poolMax()).isEqualTo(10);
  }

  @Test
  void theRealEnvironmentIsNeverRead() {
    assertThat(System.getenv("PATH")).as("precondition: PATH is set in the test process").isNotNull();

    AppEnv env = assertLoads(AppEnv.class, "test", Map.of("APP_URL", "https://shop.example"));

    assertThat(env.path()).isEmpty();
  }

  @Test
  void assertLoadsFailsWithTheProblemTableAndNoSecret() {
    Throwable failure =
        catchThrowable(() -> assertLoads(AppEnv.class, "production", Map.of("JWT_SECRET", SHORT_CANARY)));

    assertThat(failure)
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageStartingWith("Expected AppEnv to load, but:\nInvalid environment for AppEnv (profile production): 2 problems")
        .hasMessageContaining("APP_URL")
        .hasMessageContaining("required but not set")
        .hasMessageContaining("JWT_SECRET");
    assertThat(printed(failure)).doesNotContain(SHORT_CANARY);
  }

  @Test
  void assertProblemsPassesForExactlyTheExpectedProblemsInAnyOrder() {
    EnvInput input = EnvInput.profile("production").values("JWT_SECRET=" + SHORT_CANARY, "POOL_MAX=many");

    EnvException failure =
        assertProblems(AppEnv.class, input, problem("POOL_MAX", INVALID), problem("JWT_SECRET", CONSTRAINT), problem("APP_URL", MISSING));

    assertThat(failure.problems()).hasSize(3);
  }

  @Test
  void assertProblemsListsWhatWasNotReportedAndWhatWasNotExpected() {
    EnvInput input = EnvInput.profile("production").values("JWT_SECRET=" + SHORT_CANARY);

    Throwable failure =
        catchThrowable(() -> assertProblems(AppEnv.class, input, problem("APP_URL", MISSING), problem("POOL_MAX", INVALID)));

    assertThat(failure)
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageStartingWith("""
            Expected exactly 2 problems for AppEnv (profile production)
              not reported:
                POOL_MAX INVALID
              not expected:
                JWT_SECRET CONSTRAINT
            Invalid environment for AppEnv (profile production): 2 problems""");
    AssertionFailedError assertion = (AssertionFailedError) failure;
    assertThat(assertion.getExpected().getStringRepresentation()).isEqualTo("APP_URL MISSING\nPOOL_MAX INVALID\n");
    assertThat(assertion.getActual().getStringRepresentation()).isEqualTo("APP_URL MISSING\nJWT_SECRET CONSTRAINT\n");
    assertThat(printed(failure)).doesNotContain(SHORT_CANARY);
  }

  @Test
  void assertFailsReportsASuccessfulLoadWithSecretsMasked() {
    EnvInput input = EnvInput.profile("production").values("APP_URL=https://shop.example", "JWT_SECRET=" + LONG_CANARY);

    Throwable failure = catchThrowable(() -> assertFails(AppEnv.class, input));

    assertThat(failure)
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageStartingWith("Expected AppEnv to fail to load, but it loaded:\nEnvironment for AppEnv (profile production)")
        .hasMessageContaining("JWT_SECRET")
        .hasMessageContaining("****");
    assertThat(printed(failure)).doesNotContain(LONG_CANARY);
  }

  @Test
  void dotEnvResourceIsReadWithTheEnvironmentTakingPrecedence() {
    EnvInput input = EnvInput.profile("test").value("POOL_MAX", "30").dotEnvResource(EnvAssertionsTest.class, "app.env");

    Resolution<AppEnv> resolution = assertResolves(AppEnv.class, input);

    assertThat(resolution.value().appUrl().getHost()).isEqualTo("from-dotenv.example");
    assertThat(resolution.value().poolMax()).isEqualTo(30);
    assertThat(resolution.report().variable("POOL_MAX")).get().satisfies(v -> assertThat(v.shadowed()).hasSize(1));
  }

  @Test
  void problemsInADotEnvResourceNameTheResourceAndLine() {
    EnvInput input = EnvInput.profile("test").dotEnvResource(EnvAssertionsTest.class, "/dev/envelope/junit/broken.env");

    EnvException failure = assertProblems(AppEnv.class, input, problem("POOL_MAX", INVALID));

    assertThat(failure.problems().get(0).origin()).isEqualTo("/dev/envelope/junit/broken.env:2");
    assertThat(failure.getMessage()).doesNotContain("envelope-test-");
  }

  @Test
  void aSecretFromADotEnvFileIsRefusedInProduction() {
    EnvInput input = EnvInput.profile("production").dotEnvResource(EnvAssertionsTest.class, "secret.env");

    EnvException failure = assertProblems(AppEnv.class, input, problem("JWT_SECRET", CONSTRAINT));

    assertThat(failure.getMessage()).contains("secret.env:2").doesNotContain(LONG_CANARY);
  }

  @Test
  void dotEnvFileIsReadFromARealPath(@TempDir Path directory) throws Exception {
    Path file = Files.writeString(directory.resolve("local.env"), "APP_URL=https://file.example\nLOG_LEVEL=debug\n");

    AppEnv env = assertLoads(AppEnv.class, EnvInput.profile("test").dotEnvFile(file));

    assertThat(env.logLevel()).isEqualTo("debug");
  }

  @Test
  void aMissingResourceIsNamed() {
    assertThatThrownBy(() -> EnvInput.profile("test").dotEnvResource(EnvAssertionsTest.class, "nowhere.env"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'nowhere.env'")
        .hasMessageContaining(EnvAssertionsTest.class.getName());
  }

  @Test
  void withoutAProfileTheLoaderTakesAppEnvFromTheValues() {
    AppEnv env = assertLoads(AppEnv.class, EnvInput.noProfile().values("APP_ENV=test", "APP_URL=https://shop.example"));

    assertThat(env.jwtSecret().reveal()).startsWith("test-signing-key");
  }

  @Test
  void inputToStringNamesVariablesButNeverValues() {
    EnvInput input = EnvInput.profile("prod").values("JWT_SECRET=" + LONG_CANARY).dotEnvResource(EnvAssertionsTest.class, "app.env");

    assertThat(input.toString()).isEqualTo("EnvInput[profile=prod, values for [JWT_SECRET], .env app.env]");
  }

  @Test
  void aValueWithoutEqualsIsRejectedWithoutShowingIt() {
    assertThatThrownBy(() -> EnvInput.profile("test").values(LONG_CANARY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a value must be written NAME=value; one of 1 has no '='");
  }

  static String printed(Throwable failure) {
    StringWriter out = new StringWriter();
    failure.printStackTrace(new PrintWriter(out));
    return out.toString();
  }
}
