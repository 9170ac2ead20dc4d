package dev.envelope.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonSecretExpanderTest {
  private static final String CANARY = "canary-json-5b1d-never-print";
  private static final String HINT = " (hint)";

  private static Map<String, String> values(JsonSecretExpander.Expansion expansion) {
    Map<String, String> values = new LinkedHashMap<>();
    expansion.variables().forEach(v -> values.put(v.name(), v.value()));
    return values;
  }

  @Test
  void eachScalarKeyBecomesAVariableUnderThePrefixInKeyOrder() {
    JsonSecretExpander.Expansion expansion =
        JsonSecretExpander.expand(
            "{\"username\":\"app\",\"password\":\"" + CANARY + "\",\"port\":5432,\"ssl\":true,\"engine\":null}",
            "DATABASE_",
            HINT);

    assertThat(values(expansion))
        .containsExactly(
            Map.entry("DATABASE_USERNAME", "app"),
            Map.entry("DATABASE_PASSWORD", CANARY),
            Map.entry("DATABASE_PORT", "5432"),
            Map.entry("DATABASE_SSL", "true"));
    assertThat(expansion.variables().get(1).key()).isEqualTo("password");
    assertThat(expansion.problems()).isEmpty();
    assertThat(expansion.variables().toString()).doesNotContain(CANARY);
  }

  @Test
  void numbersKeepTheirWrittenForm() {
    JsonSecretExpander.Expansion expansion =
        JsonSecretExpander.expand("{\"a\": -0.50, \"b\": 1E+3, \"c\": 12345678901234567890}", "", HINT);

    assertThat(values(expansion)).containsExactly(Map.entry("A", "-0.50"), Map.entry("B", "1E+3"), Map.entry("C", "12345678901234567890"));
  }

  @Test
  void escapesAreDecoded() {
    JsonSecretExpander.Expansion expansion =
        JsonSecretExpander.expand("{\"k\":\"a\\\"b\\\\c\\/d\\n\\t\\u00e9\\ud83d\\ude00\"}", "", HINT);

    assertThat(values(expansion)).containsExactly(Map.entry("K", "a\"b\\c/d\n\té\uD83D\uDE00"));
  }

  @Test
  void keysBecomeUpperSnakeCaseNames() {
    assertThat(JsonSecretExpander.variableName("PASSWORD")).isEqualTo("PASSWORD");
    assertThat(JsonSecretExpander.variableName("dbInstanceIdentifier")).isEqualTo("DB_INSTANCE_IDENTIFIER");
    assertThat(JsonSecretExpander.variableName("db-name")).isEqualTo("DB_NAME");
    assertThat(JsonSecretExpander.variableName("api.v2Key")).isEqualTo("API_V2_KEY");
    assertThat(JsonSecretExpander.variableName("HTTPServer")).isEqualTo("HTTPSERVER");
  }

  @Test
  void nestedValuesAndCollidingKeysAreProblemsWhileTheOtherKeysStillExpand() {
    JsonSecretExpander.Expansion expansion =
        JsonSecretExpander.expand(
            "{\"replicas\":[{\"host\":\"a\"}],\"db-name\":\"x\",\"dbName\":\"y\",\"token\":\"" + CANARY + "\"}", "", HINT);

    assertThat(values(expansion)).containsExactly(Map.entry("DB_NAME", "x"), Map.entry("TOKEN", CANARY));
    assertThat(expansion.problems())
        .containsExactly(
            "key replicas holds a JSON object or array; only strings, numbers and booleans become variables",
            "two keys become the variable DB_NAME; rename one of them");
  }

  @Test
  void aPlainStringIsAProblemWithTheHint() {
    JsonSecretExpander.Expansion expansion = JsonSecretExpander.expand(CANARY, "", HINT);

    assertThat(expansion.variables()).isEmpty();
    assertThat(expansion.problems())
        .containsExactly("the secret is a plain string, not a JSON object of keys and values;"
            + " name the variable that should hold it (hint)");
  }

  // Cases from JSONTestSuite's n_ (must reject) files, each holding the canary so that a message
  // quoting the text would be caught.
  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"a\":\"CANARY\",}",
        "{\"a\":\"CANARY\" \"b\":1}",
        "{'a':\"CANARY\"}",
        "{\"a\":\"CANARY\",\"b\":01}",
        "{\"a\":\"CANARY\",\"b\":1.}",
        "{\"a\":\"CANARY\",\"b\":-}",
        "{\"a\":\"CANARY\",\"b\":.5}",
        "{\"a\":\"CANARY\",\"b\":tru}",
        "{\"a\":\"CANARY\",\"b\":\"\\x\"}",
        "{\"a\":\"CANARY\",\"b\":\"\\u12\"}",
        "{\"a\":\"CANARY\"}x",
        "{\"a\":\"CANARY\"",
        "{\"a\":\"CANARY",
        "{\"a\":[\"CANARY\",]}",
        "{\"a\":\"CANARY\",\"b\":\"tab\there\"}",
        "{\"a\" \"CANARY\"}",
      })
  void malformedJsonIsOneProblemThatNeverQuotesTheText(String template) {
    JsonSecretExpander.Expansion expansion = JsonSecretExpander.expand(template.replace("CANARY", CANARY), "", HINT);

    assertThat(expansion.variables()).isEmpty();
    assertThat(expansion.problems()).hasSize(1);
    assertThat(expansion.problems().get(0))
        .startsWith("the secret is not valid JSON, so it cannot be expanded into variables (")
        .endsWith("; the value is not shown); fix the secret, or read it whole into one variable (hint)")
        .doesNotContain(CANARY);
  }

  @Test
  void deepNestingIsRejectedRatherThanOverflowingTheStack() {
    String deep = "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";

    List<String> problems = JsonSecretExpander.expand(deep, "", HINT).problems();

    assertThat(problems).singleElement().asString().contains("nested more than 64 levels deep");
  }

  @Test
  void whitespaceAroundTokensIsAllowed() {
    JsonSecretExpander.Expansion expansion = JsonSecretExpander.expand(" \r\n\t{ \"a\" : [ 1 , { } ] , \"b\" : \"c\" } \n", "", HINT);

    assertThat(values(expansion)).containsExactly(Map.entry("B", "c"));
    assertThat(expansion.problems()).hasSize(1);
  }
}
