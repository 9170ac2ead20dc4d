package dev.envelope.spring;

import static dev.envelope.spring.DopplerStandIn.assertNoLeak;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envelope.EnvException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** Imports that fail, are optional, or name their providers indirectly. */
@ExtendWith(OutputCaptureExtension.class)
class ConfigDataFailureTest {
  private static final String REJECTED = "{\"messages\":[\"Invalid Auth token\"],\"success\":false}";

  private final DopplerStandIn doppler;

  ConfigDataFailureTest() throws Exception {
    doppler = new DopplerStandIn();
  }

  @AfterEach
  void close() {
    doppler.close();
  }

  @Test
  void rejectedTokenStopsTheStartWithTheProviderProblem(CapturedOutput output) {
    doppler.enqueue(401, REJECTED);

    assertThatThrownBy(() -> start("--spring.config.import=envelope:doppler:api/prd")).isInstanceOf(EnvException.class);

    assertThat(FailureAnalysisTest.analysis(output)).isEqualTo("""
        ***************************
        APPLICATION FAILED TO START
        ***************************

        Description:

        Invalid environment for envelope:doppler:api/prd (profile development): 1 problem
          doppler api/prd  Doppler rejected the token dp.st.… (401): Invalid Auth token; check DOPPLER_TOKEN (a service token looks like dp.st.…)  (spring.config.import=envelope:doppler:api/prd)

        Action:

        Fix the settings or access of doppler api/prd, or import it with optional: to start without it.""");
    assertThat(output.getAll()).doesNotContain("\tat ");
    assertNoLeak(output.getAll());
  }

  @Test
  void optionalImportThatFailsIsSkippedWithAWarning(CapturedOutput output) {
    doppler.enqueue(401, REJECTED);
    doppler.enqueue(401, REJECTED);

    try (ConfigurableApplicationContext context = start("--spring.config.import=optional:envelope:doppler:api/prd")) {
      assertThat(context.getEnvironment().getProperty("app.url")).isNull();
    }

    assertThat(output.getAll()).contains("""
        Skipping optional spring.config.import=envelope:doppler:api/prd:
        Invalid environment for envelope:doppler:api/prd (profile development): 1 problem
          doppler api/prd  Doppler rejected the token dp.st.… (401): Invalid Auth token;""");
    assertThat(doppler.server.getRequestCount()).as("asked once, though Spring loads twice").isEqualTo(1);
    assertNoLeak(output.getAll());
  }

  @Test
  void unknownSchemeNamesTheSchemesOnTheClassPath(CapturedOutput output) {
    assertThatThrownBy(() -> start("--spring.config.import=envelope:vault:secret/app")).isInstanceOf(EnvException.class);

    assertThat(FailureAnalysisTest.analysis(output)).contains("""
          ENVELOPE_PROVIDERS  no provider for scheme 'vault'; schemes on the class path: doppler  (spring.config.import=envelope:vault:secret/app)""");
  }

  @Test
  void bareEnvelopeImportsTheProvidersEnvelopeProvidersLists() {
    doppler.enqueue(200, DopplerStandIn.PRD_JSON);

    try (ConfigurableApplicationContext context =
        start("--spring.config.import=envelope:", "--envelope.providers=doppler:api/prd")) {
      assertThat(context.getEnvironment().getProperty("app.url")).isEqualTo("https://from-doppler.example");
    }
    assertThat(doppler.server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void bareEnvelopeImportWithNoProvidersListedImportsNothing() {
    try (ConfigurableApplicationContext context = start("--spring.config.import=envelope:")) {
      assertThat(context.getEnvironment().getProperty("app.url")).isNull();
    }
    assertThat(doppler.server.getRequestCount()).isZero();
  }

  @Test
  void firstProviderEnvelopeProvidersListsWins() {
    doppler.serve(Map.of(
        "first", "{\"APP_URL\":\"https://first.example\",\"ONLY_FIRST\":\"1\"}",
        "second", "{\"APP_URL\":\"https://second.example\",\"ONLY_SECOND\":\"2\"}"));

    try (ConfigurableApplicationContext context =
        start("--spring.config.import=envelope:", "--envelope.providers=doppler:api/first,doppler:api/second")) {
      assertThat(context.getEnvironment().getProperty("app.url")).isEqualTo("https://first.example");
      assertThat(context.getEnvironment().getProperty("only.first")).isEqualTo("1");
      assertThat(context.getEnvironment().getProperty("only.second")).isEqualTo("2");
    }
  }

  @Test
  void laterImportWinsAsSpringOrdersImports() {
    doppler.serve(Map.of(
        "first", "{\"APP_URL\":\"https://first.example\",\"ONLY_FIRST\":\"1\"}",
        "second", "{\"APP_URL\":\"https://second.example\",\"ONLY_SECOND\":\"2\"}"));

    try (ConfigurableApplicationContext context =
        start("--spring.config.import=envelope:doppler:api/first,envelope:doppler:api/second")) {
      assertThat(context.getEnvironment().getProperty("app.url")).isEqualTo("https://second.example");
      assertThat(context.getEnvironment().getProperty("only.first")).isEqualTo("1");
      assertThat(context.getEnvironment().getProperty("only.second")).isEqualTo("2");
    }
  }

  private ConfigurableApplicationContext start(String... args) {
    List<String> all = new ArrayList<>(List.of(doppler.settings()));
    all.addAll(List.of(args));
    return Apps.run(Apps.PlainApp.class, all.toArray(String[]::new));
  }
}
