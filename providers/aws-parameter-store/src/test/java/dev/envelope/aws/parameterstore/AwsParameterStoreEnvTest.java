package dev.envelope.aws.parameterstore;

import static dev.envelope.aws.parameterstore.Fixtures.API_KEY;
import static dev.envelope.aws.parameterstore.Fixtures.PASSWORD;
import static dev.envelope.aws.parameterstore.Fixtures.assertNoneIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import dev.envelope.Env;
import dev.envelope.EnvException;
import dev.envelope.Problem;
import dev.envelope.Profile;
import dev.envelope.Resolution;
import dev.envelope.Secret;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Whole loads: the provider chosen by ENVELOPE_PROVIDERS, SecureStrings and StringLists bound to a record. */
class AwsParameterStoreEnvTest {
  record AppEnv(Secret<String> dbPassword, String dbHost, List<String> allowedOrigins) {}

  record Leaky(String dbPassword, String dbHost, List<String> allowedOrigins) {}

  private FakeParameterStore ssm;

  @BeforeEach
  void start() throws Exception {
    ssm = new FakeParameterStore();
    ssm.secure("/app/prod/db/password", PASSWORD)
        .string("/app/prod/db/host", "db.internal")
        .put("/app/prod/allowed-origins", "StringList", "https://a.example,https://b.example");
  }

  @AfterEach
  void stop() {
    ssm.close();
  }

  private Map<String, String> environment() {
    Map<String, String> environment = new HashMap<>(Fixtures.settings(ssm));
    environment.put("ENVELOPE_PROVIDERS", "aws-parameterstore:/app/prod/");
    return environment;
  }

  @Test
  void providerListedInTheEnvironmentLoadsThePathIntoTheRecord() {
    Resolution<AppEnv> resolution =
        Env.builder().environment(environment()).noDotEnvFiles().profile(Profile.PRODUCTION).resolve(AppEnv.class);

    assertThat(resolution.value().dbPassword().reveal()).isEqualTo(PASSWORD);
    assertThat(resolution.value().dbHost()).isEqualTo("db.internal");
    assertThat(resolution.value().allowedOrigins()).containsExactly("https://a.example", "https://b.example");
    assertThat(resolution.report().variable("DB_PASSWORD").orElseThrow().origin())
        .isEqualTo("aws-parameterstore /app/prod/db/password (version 1)");
    assertNoneIn(resolution.report().toString(), PASSWORD);
    assertThat(ssm.calls()).hasSize(1);
  }

  @Test
  void secureStringBoundToAPlainStringInProductionIsAProblem() {
    EnvException thrown =
        catchThrowableOfType(
            EnvException.class,
            () -> Env.builder().environment(environment()).noDotEnvFiles().profile(Profile.PRODUCTION).load(Leaky.class));

    assertThat(thrown.problems())
        .extracting(Problem::variable, Problem::kind, Problem::origin)
        .containsExactly(
            tuple(
                "DB_PASSWORD", Problem.Kind.CONSTRAINT, "aws-parameterstore /app/prod/db/password (version 1)"));
    assertThat(thrown.problems().get(0).message()).contains("its source marks secret");
    assertNoneIn(Fixtures.printed(thrown), PASSWORD, API_KEY);
  }

  @Test
  void secureStringBoundToAPlainStringOutsideProductionIsMaskedInTheReport() {
    Resolution<Leaky> resolution =
        Env.builder().environment(environment()).noDotEnvFiles().profile(Profile.STAGING).resolve(Leaky.class);

    assertThat(resolution.value().dbPassword()).isEqualTo(PASSWORD);
    assertNoneIn(resolution.report().toString(), PASSWORD);
  }
}
