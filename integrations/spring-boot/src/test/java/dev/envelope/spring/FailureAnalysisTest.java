package dev.envelope.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envelope.EnvException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Starts applications whose environment is wrong and checks what the developer sees. */
@ExtendWith(OutputCaptureExtension.class)
class FailureAnalysisTest {
  /** Holds a too-short JWT_SECRET and an invalid WORKER_COUNT; both modules run from the same folder. */
  private static final String FAILING = "src/test/resources/dotenv/failing";

  @Test
  void failedStartShowsTheProblemTableAndWhatToSetInsteadOfAStackTrace(CapturedOutput output) {
    assertThatThrownBy(() -> Apps.run(Apps.ServiceApp.class, "--envelope.directory=" + FAILING))
        .hasRootCauseInstanceOf(EnvException.class);

    assertThat(analysis(output)).isEqualTo("""
        ***************************
        APPLICATION FAILED TO START
        ***************************

        Description:

        Invalid environment for ServiceEnv (profile development): 3 problems
          APP_URL       required but not set                 (looked in: command line and test or system properties, environment, Spring property sources, src/test/resources/dotenv/failing/.env)
          WORKER_COUNT  'zero' is not an integer             (src/test/resources/dotenv/failing/.env:3)
          JWT_SECRET    must be at least 32 characters long  (src/test/resources/dotenv/failing/.env:2)

        Action:

        Set APP_URL: an environment variable, or app.url in application.yml or on the command line (--app.url=...).
        Correct WORKER_COUNT where it is set: src/test/resources/dotenv/failing/.env:3.
        Correct JWT_SECRET where it is set: src/test/resources/dotenv/failing/.env:2.
        Envelope reads, highest first: command-line arguments, test and system properties; the environment; application.yml and spring.config.import; ENVELOPE_PROVIDERS; .env files; defaults.""");
    // Spring's own one-line warning that the refresh was cancelled stays; no stack trace follows it.
    assertThat(output.getAll()).doesNotContain("jwtcanary").doesNotContain("\tat ").doesNotContain("EnvException");
  }

  @Test
  void profileSettingThatIsNoProfileNameIsAProblemNotAStackTrace(CapturedOutput output) {
    assertThatThrownBy(() -> Apps.run(Apps.ServiceApp.class, "--envelope.profile=prod uction"))
        .hasRootCauseInstanceOf(EnvException.class);

    assertThat(analysis(output)).startsWith("""
        ***************************
        APPLICATION FAILED TO START
        ***************************

        Description:

        Invalid environment for ServiceEnv (profile unknown): 1 problem
          envelope.profile  'prod uction' is not a valid profile name: use letters, digits, '-' and '_'  (Spring Environment)

        Action:

        Correct envelope.profile where it is set: Spring Environment.""");
  }

  /** Returns Boot's failure report from the output, without the log line that introduces it. */
  static String analysis(CapturedOutput output) {
    String all = output.getAll();
    int start = all.indexOf("***************************\nAPPLICATION FAILED TO START");
    assertThat(start).as("failure report in:%n%s", all).isNotNegative();
    return all.substring(start).strip();
  }
}
