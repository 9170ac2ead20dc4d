package dev.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Choosing the {@code .env} syntax of a load, and what each syntax's files give through {@code Env}. */
class DotEnvSyntaxTest {
  private static final String CANARY = "Xy7$kQ9!pLm2";

  @TempDir Path dir;

  record Service(String password, String color, String apiKey, String url, String counter) {}

  record Mail(@Default("smtp.local") String smtpHost, Secret<String> smtpPassword) {}

  record Database(String dbUrl, @Default("x") String other) {}

  private static final String COMPOSE_FILE =
      "PASSWORD=pa$$word\nCOLOR=#fff\nAPI_KEY\nURL:http://x\nCOUNTER=1\nCOUNTER=${COUNTER}2\n";

  private void write(String file, String content) throws IOException {
    Files.writeString(dir.resolve(file), content);
  }

  private Env.Builder load(Map<String, String> environment) {
    return Env.builder().environment(environment).directory(dir).noDiscoveredProviders();
  }

  @Test
  void composeSyntaxReadsAFileAsDockerComposeDoes() throws IOException {
    write(".env", COMPOSE_FILE);

    Resolution<Service> resolution =
        load(Map.of("API_KEY", "from-environment")).dotEnvSyntax(DotEnvSyntax.COMPOSE).resolve(Service.class);

    assertThat(resolution.value()).isEqualTo(new Service("pa$word", "#fff", "from-environment", "http://x", "12"));
    assertThat(resolution.report().variable("COUNTER").orElseThrow().origin()).isEqualTo(dir.resolve(".env") + ":6");
  }

  @Test
  void theSameFileFailsInTheDefaultSyntaxAtTheLineComposeReadsAsInherited() throws IOException {
    write(".env", COMPOSE_FILE);

    assertThatThrownBy(() -> load(Map.of("API_KEY", "k")).load(Service.class))
        .isInstanceOfSatisfying(EnvException.class, e -> assertThat(e.problems())
            .extracting(Problem::kind, Problem::origin)
            .contains(tuple(Problem.Kind.INVALID, dir.resolve(".env") + ":3")));
  }

  @Test
  void environmentVariableChoosesTheSyntax() throws IOException {
    write(".env", COMPOSE_FILE);

    Service service = load(Map.of("API_KEY", "k", "ENVELOPE_DOTENV_SYNTAX", "Compose")).load(Service.class);

    assertThat(service.password()).isEqualTo("pa$word");
  }

  @Test
  void builderValueChoosesTheSyntaxBeforeTheEnvironment() throws IOException {
    write(".env", COMPOSE_FILE);

    Service service = load(Map.of("API_KEY", "k", "ENVELOPE_DOTENV_SYNTAX", "dotenv"))
        .value("ENVELOPE_DOTENV_SYNTAX", "compose")
        .load(Service.class);

    assertThat(service.counter()).isEqualTo("12");
  }

  @Test
  void unknownSyntaxIsAProblemNamingTheVariableAndWhereItWasSet() {
    assertThatThrownBy(() -> load(Map.of("ENVELOPE_DOTENV_SYNTAX", "yaml")).load(Database.class))
        .isInstanceOfSatisfying(EnvException.class, e -> assertThat(e.problems()).contains(new Problem(
            "ENVELOPE_DOTENV_SYNTAX", Problem.Kind.INVALID, "is not a .env syntax (known: dotenv, compose)",
            "environment")));
  }

  @Test
  void requiredReferenceToAnUnsetNameIsAMissingProblemAtItsLineInBothSyntaxes() throws IOException {
    write(".env", "OTHER=fine\nDB_URL=postgres://${DB_HOST:?set DB_HOST to the database host}/app\n");
    for (DotEnvSyntax syntax : DotEnvSyntax.values()) {
      assertThatThrownBy(() -> load(Map.of()).dotEnvSyntax(syntax).load(Database.class))
          .as(syntax.name())
          .isInstanceOfSatisfying(EnvException.class, e -> assertThat(e.problems()).first().isEqualTo(new Problem(
              "DB_HOST", Problem.Kind.MISSING, "required but not set (needed by DB_URL): set DB_HOST to the"
                  + " database host", dir.resolve(".env") + ":2")));
    }
  }

  @Test
  void requiredReferenceToAnEmptyNameIsInvalidWithColonAndFineWithout() throws IOException {
    write(".env", "DB_URL=postgres://${DB_HOST:?}/app\n");
    assertThatThrownBy(() -> load(Map.of("DB_HOST", "")).load(Database.class))
        .isInstanceOfSatisfying(EnvException.class, e -> assertThat(e.problems()).first()
            .extracting(Problem::variable, Problem::kind, Problem::message)
            .containsExactly("DB_HOST", Problem.Kind.INVALID, "required but empty (needed by DB_URL)"));

    write(".env", "DB_URL=postgres://${DB_HOST?}/app\n");
    assertThat(load(Map.of("DB_HOST", "")).load(Database.class).dbUrl()).isEqualTo("postgres:///app");
  }

  @Test
  void dollarBeforeANameSetNowhereIsAWarningNamingTheLineWithoutTheValue() throws IOException {
    write(".env", "\nSMTP_PASSWORD=" + CANARY + "\n");
    for (DotEnvSyntax syntax : DotEnvSyntax.values()) {
      Resolution<Mail> resolution = load(Map.of()).dotEnvSyntax(syntax).resolve(Mail.class);

      assertThat(resolution.report().warnings()).as(syntax.name()).singleElement().satisfies(warning -> {
        assertThat(warning.variable()).isEqualTo("SMTP_PASSWORD");
        assertThat(warning.origin()).isEqualTo(dir.resolve(".env") + ":2");
        assertThat(warning.message()).isEqualTo("holds a $ reference to a name set nowhere, so it expands to"
            + " empty; write \\$ for a literal $, or single-quote the value");
      });
      assertThat(resolution.report().toString()).doesNotContain(CANARY).doesNotContain("kQ9").doesNotContain("pLm2");
    }
  }

  @Test
  void dollarBeforeANameSetNowhereIsAnErrorInStrictMode() throws IOException {
    write(".env", "SMTP_PASSWORD=" + CANARY + "\n");

    assertThatThrownBy(() -> load(Map.of()).strict().load(Mail.class))
        .isInstanceOfSatisfying(EnvException.class, e -> {
          assertThat(e.problems()).extracting(Problem::variable, Problem::origin)
              .containsExactly(tuple("SMTP_PASSWORD", dir.resolve(".env") + ":1"));
          assertThat(e.getMessage()).doesNotContain("kQ9").doesNotContain("pLm2");
        });
  }

  @Test
  void bracedReferenceToANameSetNowhereIsNamedAndQuotedOrSingleQuotedValuesAreNot() throws IOException {
    write(".env", "SMTP_HOST=${MAIL_HOSTNAME}\nSMTP_PASSWORD='" + CANARY + "'\n");

    Resolution<Mail> resolution = load(Map.of()).resolve(Mail.class);

    assertThat(resolution.report().warnings()).extracting(Problem::variable, Problem::message).containsExactly(
        tuple("SMTP_HOST", "refers to ${MAIL_HOSTNAME}, which is set nowhere, so it expands to empty;"
            + " write \\$ for a literal $, or single-quote the value"));
    assertThat(resolution.value().smtpPassword().reveal()).isEqualTo(CANARY);
  }

  @Test
  void deeplyNestedDefaultsAreAnInvalidProblemNotAStackOverflow() throws IOException {
    int levels = 1500;
    write(".env", "OTHER=1\nDB_URL=" + "${X:-".repeat(levels) + "v" + "}".repeat(levels) + "\n");
    for (DotEnvSyntax syntax : DotEnvSyntax.values()) {
      assertThatThrownBy(() -> load(Map.of()).dotEnvSyntax(syntax).load(Database.class))
          .as(syntax.name())
          .isInstanceOfSatisfying(EnvException.class, e -> assertThat(e.problems()).first()
              .extracting(Problem::kind, Problem::origin)
              .containsExactly(Problem.Kind.INVALID, dir.resolve(".env") + ":2"));
    }
  }

  @Test
  void exponentialExpansionIsAnInvalidProblemNotAnOutOfMemoryError() throws IOException {
    StringBuilder file = new StringBuilder("L0=abcdefgh\n");
    for (int k = 1; k <= 32; k++) {
      file.append('L').append(k).append("=${L").append(k - 1).append("}${L").append(k - 1).append("}\n");
    }
    file.append("DB_URL=${L32}\n");
    write(".env", file.toString());
    for (DotEnvSyntax syntax : DotEnvSyntax.values()) {
      assertThatThrownBy(() -> load(Map.of()).dotEnvSyntax(syntax).load(Database.class))
          .as(syntax.name())
          .isInstanceOfSatisfying(EnvException.class, e -> assertThat(e.problems()).first().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Problem.Kind.INVALID);
            assertThat(problem.message()).contains("longer than 1048576 characters once expanded (the limit)");
            // L17 is 8 * 2^17 characters, exactly 1 MiB; L18, on line 19, is the first past it.
            assertThat(problem.origin()).isEqualTo(dir.resolve(".env") + ":19");
          }));
    }
  }
}
