package dev.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Profiles as the files and deployments of real teams name them, and the typos they make. */
class ProfilesTest {
  @TempDir Path dir;

  record Service(Profile appEnv, String databaseUrl, @Default("info") String logLevel) {}

  record Strict(String host, @RequiredIn("prodution") Optional<String> sentryDsn) {}

  record WithSecret(Secret<String> apiKey) {}

  private void write(String file, String content) throws IOException {
    Files.writeString(dir.resolve(file), content);
  }

  private Env.Builder load(Map<String, String> environment) {
    return Env.builder().environment(environment).directory(dir).noDiscoveredProviders();
  }

  @Test
  void composeStyleFileNamesAreReadForTheProfileTheirAliasNames() throws IOException {
    write(".env.prod", "DATABASE_URL=postgres://db/prod\n");
    write(".env.dev", "DATABASE_URL=postgres://db/dev\nLOG_LEVEL=debug\n");

    Resolution<Service> prod = load(Map.of("APP_ENV", "prod")).resolve(Service.class);
    Service dev = load(Map.of()).load(Service.class);

    assertThat(prod.value()).isEqualTo(new Service(Profile.PRODUCTION, "postgres://db/prod", "info"));
    assertThat(prod.report().variable("DATABASE_URL").orElseThrow().origin()).isEqualTo(dir.resolve(".env.prod") + ":1");
    assertThat(dev).isEqualTo(new Service(Profile.DEVELOPMENT, "postgres://db/dev", "debug"));
  }

  @Test
  void theCanonicalNameWinsOverAnAliasAndBothAreRead() throws IOException {
    write(".env.production", "DATABASE_URL=postgres://db/canonical\n");
    write(".env.prod", "DATABASE_URL=postgres://db/alias\nLOG_LEVEL=warn\n");

    Resolution<Service> prod = load(Map.of("APP_ENV", "production")).resolve(Service.class);

    assertThat(prod.value().databaseUrl()).isEqualTo("postgres://db/canonical");
    assertThat(prod.value().logLevel()).isEqualTo("warn");
    assertThat(prod.report().variable("DATABASE_URL").orElseThrow().shadowed())
        .containsExactly(dir.resolve(".env.prod") + ":1");
  }

  @Test
  void aMissingVariableNamesTheEnvFilesThatNoProfileReads() throws IOException {
    write(".env.prdo", "DATABASE_URL=postgres://db/prod\n");
    write(".env.example", "DATABASE_URL=\n");

    EnvException e = catchThrowableOfType(EnvException.class, () -> load(Map.of("APP_ENV", "production")).load(Service.class));

    assertThat(e.problems()).containsExactly(new Problem("DATABASE_URL", Problem.Kind.MISSING, "required but not set",
        "looked in: environment, no .env files for production in " + dir.toAbsolutePath().normalize()
            + "; found .env.prdo, not read in profile production (it reads .env.production.local, .env.prd.local,"
            + " .env.prod.local, .env.local, .env.production, .env.prd, .env.prod, .env)"));
  }

  @Test
  void aMisspeltProfileIsAnErrorWithASuggestionAndTheOtherProblems() {
    EnvException e = catchThrowableOfType(EnvException.class,
        () -> Env.builder().hermetic().environment(Map.of("APP_ENV", "prodution")).load(Service.class));

    assertThat(e.problems()).containsExactly(
        new Problem("APP_ENV", Problem.Kind.INVALID,
            "'prodution' is not a known profile (known: development, test, staging, production); the rest was checked"
                + " as in development", "environment", "did you mean production?"),
        new Problem("DATABASE_URL", Problem.Kind.MISSING, "required but not set", "looked in: environment"));
    assertThat(e.profile()).isEqualTo("development");
  }

  @Test
  void declaredCustomProfilesAndPatternsAreAccepted() {
    Env.Builder builder = Env.builder().hermetic().profiles("release", "preview-*").value("DATABASE_URL", "x");

    assertThat(builder.environment(Map.of("APP_ENV", "release")).load(Service.class).appEnv().name()).isEqualTo("release");
    assertThat(builder.environment(Map.of("APP_ENV", "preview-1234")).load(Service.class).appEnv().name())
        .isEqualTo("preview-1234");
    assertThatThrownBy(() -> builder.environment(Map.of("APP_ENV", "previews")).load(Service.class))
        .isInstanceOfSatisfying(EnvException.class, e -> assertThat(e.problems().get(0).message())
            .startsWith("'previews' is not a known profile (known: development, test, staging, production, release, preview-*)"));
  }

  @Test
  void aProfileSetInCodeCountsAsDeclared() {
    assertThat(Env.builder().hermetic().profile("ci").value("DATABASE_URL", "x").load(Service.class).appEnv().name())
        .isEqualTo("ci");
  }

  @Test
  void anUndeclaredProfileInRequiredInIsASchemaProblem() {
    EnvException e = catchThrowableOfType(EnvException.class,
        () -> Env.builder().hermetic().value("HOST", "h").load(Strict.class));

    assertThat(e.problems()).containsExactly(new Problem("SENTRY_DSN", Problem.Kind.SCHEMA,
        "names the profile 'prodution', which is not a known profile (known: development, test, staging, production)",
        "schema", "did you mean production?"));
  }

  @Test
  void productionLikeProfilesRefuseSecretsFromFilesAndOthersAccept() throws IOException {
    write(".env", "API_KEY=canary-4411-from-a-file\n");

    EnvException e = catchThrowableOfType(EnvException.class,
        () -> load(Map.of("APP_ENV", "release")).productionLike("release").load(WithSecret.class));
    WithSecret preview = load(Map.of("APP_ENV", "preview-7")).profiles("preview-*").load(WithSecret.class);

    assertThat(e.problems()).extracting(Problem::message)
        .containsExactly("is a secret, and secrets may not come from .env files in release");
    assertThat(e.getMessage()).doesNotContain("canary-4411");
    assertThat(preview.apiKey().reveal()).isEqualTo("canary-4411-from-a-file");
  }

  @Test
  void appEnvInEnvLocalChoosesTheProfile() throws IOException {
    write(".env", "APP_ENV=development\n");
    write(".env.local", "APP_ENV=staging\n");
    write(".env.staging", "DATABASE_URL=postgres://db/staging\n");

    Resolution<Service> resolution = load(Map.of()).resolve(Service.class);

    assertThat(resolution.value().appEnv()).isEqualTo(Profile.STAGING);
    assertThat(resolution.report().variable("APP_ENV").orElseThrow().origin()).isEqualTo(dir.resolve(".env.local") + ":1");
  }

  @Test
  void appEnvInAFileTheProfileSelectedCannotChangeItAndSaysSo() throws IOException {
    write(".env.production", "APP_ENV=staging\nDATABASE_URL=x\n");

    EnvException e = catchThrowableOfType(EnvException.class, () -> load(Map.of("APP_ENV", "production")).load(Service.class));

    assertThat(e.problems()).containsExactly(new Problem("APP_ENV", Problem.Kind.INVALID,
        "is set to 'staging' in a file that profile production selected, which cannot change the profile",
        dir.resolve(".env.production") + ":1", "set APP_ENV in the environment, .env.local or .env"));
  }
}
