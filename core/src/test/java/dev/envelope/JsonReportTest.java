package dev.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonReportTest {
  private static final String CANARY = "canary-5ecret-value-that-must-never-show-up";
  private static final ObjectMapper JSON = new ObjectMapper();

  record AppEnv(@Size(min = 32) Secret<String> jwtSecret, String smtpHost, @Default("2") int poolMin, Optional<String> sentryDsn) {}

  @Test
  void reportJsonHasTheDocumentedShapeAndMasksSecrets() throws Exception {
    Report report = Env.builder().hermetic().profile("staging")
        .environment(Map.of("SMTP_HOST", "mail.internal", "JWT_SECRET", CANARY + "-env"))
        .values(Map.of("JWT_SECRET", CANARY))
        .resolve(AppEnv.class).report();

    String json = report.toJson();

    assertThat(json).doesNotContain(CANARY);
    assertThat(report.toString()).doesNotContain(CANARY);
    assertThat(JSON.readTree(json)).isEqualTo(JSON.readTree("""
        {"schemaVersion": 1, "schema": "AppEnv", "profile": "staging", "valid": true,
         "variables": [
           {"name": "JWT_SECRET", "value": "****", "origin": "builder values", "secret": true, "shadowed": ["environment"]},
           {"name": "SMTP_HOST", "value": "mail.internal", "origin": "environment", "secret": false, "shadowed": []},
           {"name": "POOL_MIN", "value": "2", "origin": "default", "secret": false, "shadowed": []},
           {"name": "SENTRY_DSN", "value": "(unset)", "origin": "(unset)", "secret": false, "shadowed": []}],
         "problems": [], "warnings": [], "notes": []}
        """));
  }

  @Test
  void reportJsonCarriesWarningsAndNotes() throws Exception {
    Report report = new Report("AppEnv", Profile.PRODUCTION, List.of(),
        List.of(new Problem("SMTP_HSOT", Problem.Kind.UNKNOWN, "not declared by the schema", ".env:3", "did you mean SMTP_HOST?")),
        List.of("values came from the fallback file"));

    assertThat(JSON.readTree(report.toJson())).isEqualTo(JSON.readTree("""
        {"schemaVersion": 1, "schema": "AppEnv", "profile": "production", "valid": true, "variables": [], "problems": [],
         "warnings": [{"variable": "SMTP_HSOT", "kind": "UNKNOWN", "message": "not declared by the schema",
                       "origin": ".env:3", "hint": "did you mean SMTP_HOST?"}],
         "notes": ["values came from the fallback file"]}
        """));
  }

  @Test
  void exceptionJsonListsEveryProblemAndNoSecret() throws Exception {
    EnvException e = catchThrowableOfType(EnvException.class, () -> Env.builder().hermetic().profile("production")
        .values(Map.of("JWT_SECRET", "short-" + CANARY.substring(0, 10), "POOL_MIN", "ten"))
        .load(AppEnv.class));

    String json = e.toJson();

    assertThat(json).doesNotContain(CANARY.substring(0, 10));
    assertThat(e.getMessage()).doesNotContain(CANARY.substring(0, 10));
    assertThat(JSON.readTree(json)).isEqualTo(JSON.readTree("""
        {"schemaVersion": 1, "schema": "AppEnv", "profile": "production", "valid": false, "variables": [],
         "problems": [
           {"variable": "JWT_SECRET", "kind": "CONSTRAINT", "message": "must be at least 32 characters long",
            "origin": "builder values", "hint": ""},
           {"variable": "SMTP_HOST", "kind": "MISSING", "message": "required but not set",
            "origin": "looked in: builder values, environment", "hint": ""},
           {"variable": "POOL_MIN", "kind": "INVALID", "message": "'ten' is not an integer",
            "origin": "builder values", "hint": ""}],
         "warnings": [], "notes": []}
        """));
  }

  @Test
  void stringsAreEscapedSoAnyTextRoundTrips() throws Exception {
    String nasty = "quote \" backslash \\ slash / newline \n tab \t nul \u0000 bell \u0007 esc \u001b del \u007f"
        + " ls \u2028 ps \u2029 emoji \uD83D\uDE00 lone \uD800 end \uDC00 é";
    EnvException e = new EnvException("App\"Env", "production",
        List.of(new Problem("A", Problem.Kind.INVALID, nasty, "origin\r\n", "hint\b\f")));

    String json = e.toJson();

    JsonNode problem = JSON.readTree(json).get("problems").get(0);
    assertThat(problem.get("message").asText()).isEqualTo(nasty);
    assertThat(problem.get("origin").asText()).isEqualTo("origin\r\n");
    assertThat(problem.get("hint").asText()).isEqualTo("hint\b\f");
    assertThat(JSON.readTree(json).get("schema").asText()).isEqualTo("App\"Env");
    assertThat(json.chars().filter(c -> c < 0x20 && c != '\n')).isEmpty();
    assertThat(json).doesNotContain("\u2028", "\u2029", "\uD800", "\u007f")
        .contains("\\u2028", "\\u2029", "\\ud800", "\\udc00", "\\u0000", "\\u001b", "\\n", "\\t", "\\b", "\\f", "\\r")
        .contains("\uD83D\uDE00", "é");
  }

  @Test
  void outputIsIndentedOneKeyPerLine() {
    Report report = new Report("AppEnv", Profile.TEST, List.of(new Report.Variable("A", "1", "default", false, List.of())),
        List.of(), List.of());

    assertThat(report.toJson()).isEqualTo("""
        {
          "schemaVersion": 1,
          "schema": "AppEnv",
          "profile": "test",
          "valid": true,
          "variables": [
            {
              "name": "A",
              "value": "1",
              "origin": "default",
              "secret": false,
              "shadowed": []
            }
          ],
          "problems": [],
          "warnings": [],
          "notes": []
        }
        """);
  }
}
