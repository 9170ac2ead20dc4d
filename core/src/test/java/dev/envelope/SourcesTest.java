package dev.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourcesTest {
  @TempDir Path dir;

  record Config(String greeting, @Default("fallback") String mode) {}

  private void write(String file, String content) throws IOException {
    Files.writeString(dir.resolve(file), content);
  }

  private Env.Builder load(Map<String, String> environment) {
    return Env.builder().environment(environment).directory(dir).noDiscoveredProviders();
  }

  @Test
  void filesOfTheProfileAreReadHighestFirst() throws IOException {
    write(".env", "GREETING=from-env\nMODE=base\n");
    write(".env.staging", "GREETING=from-staging\n");
    write(".env.local", "GREETING=from-local\n");
    write(".env.staging.local", "GREETING=from-staging-local\n");

    Resolution<Config> staging = load(Map.of()).profile("staging").resolve(Config.class);

    assertThat(staging.value()).isEqualTo(new Config("from-staging-local", "base"));
    assertThat(staging.report().variable("GREETING").orElseThrow().shadowed())
        .containsExactly(dir.resolve(".env.local") + ":1", dir.resolve(".env.staging") + ":1", dir.resolve(".env") + ":1");
  }

  @Test
  void otherProfilesFilesAreNotRead() throws IOException {
    write(".env", "GREETING=from-env\n");
    write(".env.production", "GREETING=from-production\n");

    assertThat(load(Map.of()).profile("staging").load(Config.class).greeting()).isEqualTo("from-env");
  }

  @Test
  void testProfileSkipsDotEnvLocal() throws IOException {
    write(".env", "GREETING=from-env\n");
    write(".env.local", "GREETING=from-local\n");
    write(".env.test", "MODE=from-test\n");

    assertThat(load(Map.of()).profile("test").load(Config.class)).isEqualTo(new Config("from-env", "from-test"));
  }

  @Test
  void realEnvironmentAlwaysWinsOverFiles() throws IOException {
    write(".env.development.local", "GREETING=from-file\n");

    Resolution<Config> resolution = load(Map.of("GREETING", "from-environment")).resolve(Config.class);

    assertThat(resolution.value().greeting()).isEqualTo("from-environment");
    assertThat(resolution.report().variable("GREETING").orElseThrow().origin()).isEqualTo("environment");
  }

  @Test
  void explicitValuesWinOverTheEnvironment() {
    Resolution<Config> resolution =
        load(Map.of("GREETING", "from-environment")).value("GREETING", "explicit").resolve(Config.class);

    assertThat(resolution.value().greeting()).isEqualTo("explicit");
    assertThat(resolution.report().variable("GREETING").orElseThrow().shadowed()).containsExactly("environment");
  }

  @Test
  void originNamesFileAndLine() throws IOException {
    write(".env", "# comment\n\nGREETING=hello\n");

    assertThat(load(Map.of()).resolve(Config.class).report().variable("GREETING").orElseThrow().origin())
        .isEqualTo(dir.resolve(".env") + ":3");
  }

  @Test
  void referencesExpandAcrossFilesAndFromTheEnvironment() throws IOException {
    write(".env", "GREETING=hello ${NAME} from ${PLACE}\n");
    write(".env.local", "PLACE=local\n");

    Config config = load(Map.of("NAME", "ada")).load(Config.class);

    assertThat(config.greeting()).isEqualTo("hello ada from local");
  }

  @Test
  void profileCanComeFromTheDotEnvFile() throws IOException {
    write(".env", "APP_ENV=staging\nGREETING=base\n");
    write(".env.staging", "GREETING=staged\n");

    assertThat(load(Map.of()).load(Config.class).greeting()).isEqualTo("staged");
  }

  @Test
  void malformedFileIsAProblemNamingFileAndLine() throws IOException {
    write(".env", "GREETING=ok\nthis line has no equals sign\n");

    assertThatThrownBy(() -> load(Map.of()).load(Config.class))
        .isInstanceOfSatisfying(EnvException.class, e -> assertThat(e.problems())
            .extracting(Problem::kind, Problem::origin)
            .containsExactly(
                tuple(Problem.Kind.INVALID, dir.resolve(".env") + ":2"),
                tuple(Problem.Kind.MISSING, "looked in: environment, " + dir.resolve(".env")
                    + "; not read: " + dir.resolve(".env") + " (failed, see above)")));
  }

  @Test
  void missingVariableListsEveryPlaceLookedIn() throws IOException {
    write(".env", "MODE=x\n");
    write(".env.development", "MODE=y\n");

    assertThatThrownBy(() -> load(Map.of()).load(Config.class))
        .isInstanceOfSatisfying(EnvException.class, e -> assertThat(e.problems()).containsExactly(
            new Problem("GREETING", Problem.Kind.MISSING, "required but not set",
                "looked in: environment, " + dir.resolve(".env.development") + ", " + dir.resolve(".env"))));
  }

  @Test
  void missingVariableSaysWhenNoDotEnvFileWasFound() {
    assertThatThrownBy(() -> load(Map.of()).load(Config.class))
        .isInstanceOfSatisfying(EnvException.class, e -> assertThat(e.problems().get(0).origin())
            .isEqualTo("looked in: environment, no .env files for development in " + dir.toAbsolutePath().normalize()));
  }

  @Test
  void noDotEnvFilesReadsNone() throws IOException {
    write(".env", "GREETING=from-file\n");

    assertThatThrownBy(() -> load(Map.of()).noDotEnvFiles().load(Config.class)).isInstanceOf(EnvException.class);
  }

  @Test
  void hermeticIgnoresTheRealEnvironmentAndWorkingDirectory() {
    // PATH is set in every real environment; a hermetic load must not see it.
    record UsesPath(java.util.Optional<String> path) {}

    assertThat(Env.builder().hermetic().load(UsesPath.class).path()).isEmpty();
  }

  @Test
  void unknownKeysInFilesAreWarningsWithASuggestion() throws IOException {
    write(".env", "GREETING=hi\nGRETING=typo\n");

    Resolution<Config> resolution = load(Map.of("UNRELATED_ENV_VAR", "x")).resolve(Config.class);

    assertThat(resolution.report().warnings()).containsExactly(
        new Problem("GRETING", Problem.Kind.UNKNOWN, "not declared in Config", dir.resolve(".env") + ":2", "did you mean GREETING?"));
  }

  @Test
  void aFileOfOtherServicesKeysLogsTwentyOfThemAndReportsAll() throws IOException {
    StringBuilder file = new StringBuilder("GREETING=hi\n");
    for (int i = 1; i <= 25; i++) {
      file.append("OTHER_SERVICE_").append(i).append("=x\n");
    }
    write(".env", file.toString());
    CapturedLog log = CapturedLog.of("dev.envelope");
    Resolution<Config> resolution;
    try (log) {
      resolution = load(Map.of()).resolve(Config.class);
    }
    List<String> logged = log.messages();

    assertThat(resolution.report().warnings()).hasSize(25);
    assertThat(logged).hasSize(1);
    List<String> lines = logged.get(0).lines().toList();
    assertThat(lines).hasSize(22);
    assertThat(lines.get(0)).isEqualTo("Envelope: 25 warning(s) for Config");
    assertThat(lines.get(1)).isEqualTo("  OTHER_SERVICE_1: not declared in Config (" + dir.resolve(".env") + ":2)");
    assertThat(lines.get(20)).startsWith("  OTHER_SERVICE_20: ");
    assertThat(lines.get(21)).isEqualTo("  ... and 5 more (Report.warnings() lists them all: EnvLoader.resolve(...).report())");
  }

  @Test
  void unknownKeysAreProblemsInStrictMode() throws IOException {
    write(".env", "GREETING=hi\nSOMETHING_ELSE=x\n");

    assertThatThrownBy(() -> load(Map.of()).strict().load(Config.class))
        .isInstanceOfSatisfying(EnvException.class, e -> assertThat(e.problems()).containsExactly(
            new Problem("SOMETHING_ELSE", Problem.Kind.UNKNOWN, "not declared in Config", dir.resolve(".env") + ":2", "")));
  }

  @Test
  void theEnvironmentIsNeverCheckedForUnknownKeys() {
    Resolution<Config> resolution = load(Map.of("GREETING", "hi", "HOME", "/root", "GRETING", "x")).strict().resolve(Config.class);

    assertThat(resolution.report().warnings()).isEmpty();
  }

  @Test
  void profileVariableAndProviderListAreNotUnknown() throws IOException {
    write(".env", "APP_ENV=development\nENVELOPE_PROVIDERS=\nGREETING=hi\n");

    assertThat(load(Map.of()).strict().resolve(Config.class).report().warnings()).isEmpty();
  }

  record Credentials(Secret<String> dbPassword, String user) {}

  @Test
  void varFileReadsTheValueFromAFileTrimmingOneNewline() throws IOException {
    Path secret = dir.resolve("db_password");
    Files.writeString(secret, "s3cr3t-canary\n\n");

    Resolution<Credentials> resolution =
        load(Map.of("DB_PASSWORD_FILE", secret.toString(), "USER", "app")).resolve(Credentials.class);

    assertThat(resolution.value().dbPassword().reveal()).isEqualTo("s3cr3t-canary\n");
    assertThat(resolution.report().variable("DB_PASSWORD").orElseThrow().origin()).isEqualTo("file " + secret);
    assertThat(resolution.report().toString()).doesNotContain("s3cr3t-canary");
  }

  @Test
  void varAndVarFileBothSetIsAnError() throws IOException {
    Path secret = dir.resolve("db_password");
    Files.writeString(secret, "from-file-canary");

    assertThatThrownBy(() -> load(Map.of("DB_PASSWORD_FILE", secret.toString(), "DB_PASSWORD", "direct-canary", "USER", "app")).load(Credentials.class))
        .isInstanceOfSatisfying(EnvException.class, e -> {
          assertThat(e.problems()).containsExactly(new Problem("DB_PASSWORD", Problem.Kind.INVALID,
              "both DB_PASSWORD and DB_PASSWORD_FILE are set; set only one", "environment"));
          assertThat(e.getMessage()).doesNotContain("canary");
        });
  }

  @Test
  void unreadableVarFileIsAProblemNamingThePath() {
    Path missing = dir.resolve("nope");

    assertThatThrownBy(() -> load(Map.of("DB_PASSWORD_FILE", missing.toString(), "USER", "app")).load(Credentials.class))
        .isInstanceOfSatisfying(EnvException.class, e -> assertThat(e.problems()).extracting(Problem::variable, Problem::message, Problem::origin)
            .contains(tuple("DB_PASSWORD", "DB_PASSWORD_FILE points at a file that cannot be read (NoSuchFileException)", "file " + missing)));
  }

  @Test
  void productionRefusesSecretsFromDotEnvFiles() throws IOException {
    write(".env.production", "DB_PASSWORD=file-canary\nUSER=app\n");

    assertThatThrownBy(() -> load(Map.of()).profile("production").load(Credentials.class))
        .isInstanceOfSatisfying(EnvException.class, e -> {
          assertThat(e.problems()).containsExactly(new Problem("DB_PASSWORD", Problem.Kind.CONSTRAINT,
              "is a secret, and secrets may not come from .env files in production",
              dir.resolve(".env.production") + ":1", "set it in the environment or a secret provider"));
          assertThat(e.getMessage()).doesNotContain("file-canary");
        });
  }

  @Test
  void productionAcceptsFileSecretsWhenExplicitlyAllowed() throws IOException {
    write(".env.production", "DB_PASSWORD=file-canary\nUSER=app\n");

    assertThat(load(Map.of()).profile("production").allowSecretsFromFilesInProduction().load(Credentials.class).user()).isEqualTo("app");
  }

  @Test
  void productionAcceptsSecretsFromTheEnvironmentAndPlainValuesFromFiles() throws IOException {
    write(".env.production", "USER=app\n");

    Credentials credentials = load(Map.of("DB_PASSWORD", "env-canary")).profile("production").load(Credentials.class);

    assertThat(credentials.dbPassword().reveal()).isEqualTo("env-canary");
    assertThat(List.of(credentials.user())).containsExactly("app");
  }

  record Port(@Default("8080") int port) {}

  @Test
  void aDefaultUsedBecauseTheValueWasEmptySaysWhere() {
    Resolution<Port> resolution = load(Map.of("PORT", "")).resolve(Port.class);

    assertThat(resolution.value().port()).isEqualTo(8080);
    assertThat(resolution.report().variable("PORT").orElseThrow().origin()).isEqualTo("default (empty in environment)");
  }

  @Test
  void anEmptyValueLetsALowerLayerApplyForNonStringTypes() throws IOException {
    // docker-compose's PORT=${PORT} passes an empty PORT when the host has none.
    write(".env", "PORT=9090\n");

    Resolution<Port> resolution = load(Map.of("PORT", "")).resolve(Port.class);

    assertThat(resolution.value().port()).isEqualTo(9090);
    assertThat(resolution.report().variable("PORT").orElseThrow().origin())
        .isEqualTo(dir.resolve(".env") + ":1 (empty in environment)");
  }

  record Greeting(String greeting) {}

  @Test
  void anEmptyStringIsAValueAndShadowsLowerLayers() throws IOException {
    write(".env", "GREETING=hello\n");

    assertThat(load(Map.of("GREETING", "")).load(Greeting.class).greeting()).isEmpty();
  }
}
