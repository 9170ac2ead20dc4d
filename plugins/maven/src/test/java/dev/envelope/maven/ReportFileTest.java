package dev.envelope.maven;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envelope.EnvException;
import dev.envelope.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportFileTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void wrapsEachProfilesCoreDocument() throws Exception {
    EnvException failure = new EnvException("AppEnv", "production",
        List.of(new Problem("SMTP_HOST", Problem.Kind.MISSING, "required but not set", "looked in: .env", "set it\nthere")));
    List<ProfileCheck.Outcome> outcomes = List.of(
        new ProfileCheck.Outcome("com.example.AppEnv", "test", List.of("A"), List.of(), "table", null),
        new ProfileCheck.Outcome("com.example.AppEnv", "production", List.of(), failure.problems(), failure.getMessage(),
            failure.toJson()));

    JsonNode report = JSON.readTree(ReportFile.render(outcomes));

    assertThat(report.get("schemaVersion").asInt()).isEqualTo(1);
    assertThat(report.get("passed").asBoolean()).isFalse();
    assertThat(report.get("results")).hasSize(2);
    JsonNode test = report.get("results").get(0);
    assertThat(test.get("profile").asText()).isEqualTo("test");
    assertThat(test.get("passed").asBoolean()).isTrue();
    assertThat(test.get("provided").get(0).asText()).isEqualTo("A");
    assertThat(test.get("result").isNull()).isTrue();
    JsonNode production = report.get("results").get(1);
    assertThat(production.get("passed").asBoolean()).isFalse();
    assertThat(production.get("result")).isEqualTo(JSON.readTree(failure.toJson()));
    assertThat(production.get("result").get("problems").get(0).get("hint").asText()).isEqualTo("set it\nthere");
  }

  @Test
  void anEmptyCheckIsAValidDocument() throws Exception {
    JsonNode report = JSON.readTree(ReportFile.render(List.of()));

    assertThat(report.get("passed").asBoolean()).isTrue();
    assertThat(report.get("results")).isEmpty();
  }

  @Test
  void namesAreEscaped() throws Exception {
    String name = "odd\"name\\with\u0001\u2028";

    assertThat(JSON.readTree(ReportFile.string(name)).asText()).isEqualTo(name);
    assertThat(ReportFile.string(name)).doesNotContain("\u0001", "\u2028");
  }
}
