package dev.envelope.examples.doppler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.envelope.EnvException;
import dev.envelope.Problem;
import dev.envelope.Profile;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DopplerExampleTest {
  private static final Path EXAMPLE = Path.of("").toAbsolutePath();

  @Test
  void developmentLoadsFromTheDotEnvFileWithoutDoppler() {
    AppEnv env = DopplerExample.environment().hermetic().directory(EXAMPLE).profile("development").load(AppEnv.class);

    assertThat(env.appEnv()).isEqualTo(Profile.DEVELOPMENT);
    assertThat(env.databaseUrl()).isEqualTo("postgres://localhost:5432/app_dev");
    assertThat(env.logLevel()).isEqualTo("debug");
  }

  @Test
  void productionAsksDopplerAndNamesTheMissingToken() {
    EnvException thrown =
        catchThrowableOfType(
            EnvException.class,
            () -> DopplerExample.environment().hermetic().environment(Map.of()).profile("production").load(AppEnv.class));

    assertThat(thrown.problems())
        .anySatisfy(problem -> {
          assertThat(problem.kind()).isEqualTo(Problem.Kind.PROVIDER);
          assertThat(problem.variable()).isEqualTo("doppler");
          assertThat(problem.message()).startsWith("DOPPLER_TOKEN is not set");
        });
  }
}
