package dev.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class BindingTest {
  record Database(String url, @Default("2") int poolMin, @Default("10") int poolMax) {}

  record Service(
      Profile appEnv,
      Database database,
      @Prefix("CACHE_") Database replica,
      @Name("PORT") int httpPort,
      @Default("15m") Duration ttl,
      @DefaultIn(profile = "development", value = "debug") @DefaultIn(profile = "test", value = "warn") @Default("info") String logLevel,
      @RequiredIn({"production", "staging"}) Optional<URI> sentryDsn,
      OptionalInt workers) {}

  private static final Map<String, String> MINIMAL =
      Map.of("DATABASE_URL", "postgres://db", "CACHE_URL", "redis://cache", "PORT", "8080");

  @Test
  void nestedRecordsReadPrefixedVariables() {
    Service service = Env.builder().hermetic().values(MINIMAL).load(Service.class);

    assertThat(service.database()).isEqualTo(new Database("postgres://db", 2, 10));
    assertThat(service.replica()).isEqualTo(new Database("redis://cache", 2, 10));
  }

  @Test
  void nameOverridesTheDerivedNameWithoutThePrefix() {
    assertThat(Env.builder().hermetic().values(MINIMAL).load(Service.class).httpPort()).isEqualTo(8080);
  }

  @Test
  void defaultInForTheActiveProfileWinsOverDefault() {
    assertThat(Env.builder().hermetic().values(MINIMAL).profile("dev").load(Service.class).logLevel()).isEqualTo("debug");
    assertThat(Env.builder().hermetic().values(MINIMAL).profile("test").load(Service.class).logLevel()).isEqualTo("warn");
    assertThat(Env.builder().hermetic().values(MINIMAL).profile("custom").load(Service.class).logLevel()).isEqualTo("info");
  }

  @Test
  void aSetValueWinsOverEveryDefault() {
    Service service = Env.builder().hermetic().values(MINIMAL).value("LOG_LEVEL", "error").value("TTL", "1h30m").load(Service.class);

    assertThat(service.logLevel()).isEqualTo("error");
    assertThat(service.ttl()).isEqualTo(Duration.ofMinutes(90));
  }

  @Test
  void optionalsAreEmptyWhenUnsetOutsideTheirRequiredProfiles() {
    Service service = Env.builder().hermetic().values(MINIMAL).load(Service.class);

    assertThat(service.sentryDsn()).isEmpty();
    assertThat(service.workers()).isEmpty();
  }

  @Test
  void requiredInMakesAnOptionalMissingInThatProfile() {
    assertThatThrownBy(() -> Env.builder().hermetic().values(MINIMAL).profile("stage").load(Service.class))
        .isInstanceOfSatisfying(EnvException.class, e -> assertThat(e.problems())
            .containsExactly(new Problem("SENTRY_DSN", Problem.Kind.MISSING, "required in staging but not set", "looked in: builder values, environment")));
  }

  @Test
  void profileComponentReceivesTheActiveProfile() {
    assertThat(Env.builder().hermetic().values(MINIMAL).profile("prd").values(Map.of("SENTRY_DSN", "https://sentry.example/1")).load(Service.class).appEnv())
        .isEqualTo(Profile.PRODUCTION);
    assertThat(Env.builder().hermetic().values(MINIMAL).load(Service.class).appEnv()).isEqualTo(Profile.DEVELOPMENT);
  }

  @Test
  void profileComesFromAppEnvInTheEnvironment() {
    Service service = Env.builder().hermetic().environment(Map.of("APP_ENV", "TEST")).values(MINIMAL).load(Service.class);

    assertThat(service.appEnv()).isEqualTo(Profile.TEST);
    assertThat(service.logLevel()).isEqualTo("warn");
  }

  @Test
  void invalidProfileNameIsReportedWithItsOriginAndEveryOtherProblem() {
    assertThatThrownBy(() -> Env.builder().hermetic().environment(Map.of("APP_ENV", "pro duction")).load(Service.class))
        .isInstanceOfSatisfying(EnvException.class, e -> {
          assertThat(e.problems()).first().isEqualTo(new Problem("APP_ENV", Problem.Kind.INVALID,
              "'pro duction' is not a valid profile name: use letters, digits, '-' and '_'; the rest was checked as in development",
              "environment"));
          assertThat(e.problems()).extracting(Problem::variable).containsExactly("APP_ENV", "DATABASE_URL", "CACHE_URL", "PORT");
        });
  }

  @Test
  void everyMissingVariableIsReportedAtOnceInSchemaOrder() {
    assertThatThrownBy(() -> Env.builder().hermetic().load(Service.class))
        .isInstanceOfSatisfying(EnvException.class, e -> assertThat(e.problems())
            .extracting(Problem::variable, Problem::kind)
            .containsExactly(
                org.assertj.core.groups.Tuple.tuple("DATABASE_URL", Problem.Kind.MISSING),
                org.assertj.core.groups.Tuple.tuple("CACHE_URL", Problem.Kind.MISSING),
                org.assertj.core.groups.Tuple.tuple("PORT", Problem.Kind.MISSING)));
  }

  @Test
  void loadingTwiceReadsTheSourcesAgain() {
    Env.Builder builder = Env.builder().hermetic().values(MINIMAL);
    Service first = builder.load(Service.class);
    Service second = builder.value("PORT", "9090").load(Service.class);

    assertThat(first.httpPort()).isEqualTo(8080);
    assertThat(second.httpPort()).isEqualTo(9090);
  }

  record WithList(List<String> hosts) {}

  @Test
  void customProfileNamesAreAccepted() {
    Profile profile = Profile.of("Preview-42");
    assertThat(profile.name()).isEqualTo("preview-42");
    assertThat(profile.is("PREVIEW-42")).isTrue();
    assertThat(Profile.of("prod")).isSameAs(Profile.PRODUCTION);
  }

  record Nested(Inner inner) {
    record Inner(Profile current, String name) {}
  }

  @Test
  void aProfileComponentIsAppEnvWhereverItIsDeclared() {
    Resolution<Nested> resolution = Env.builder().hermetic().profile("staging").value("INNER_NAME", "x").resolve(Nested.class);

    assertThat(resolution.value().inner().current()).isEqualTo(Profile.STAGING);
    assertThat(resolution.report().variables()).extracting(Report.Variable::name).containsExactly("APP_ENV", "INNER_NAME");
  }

  @Test
  void hermeticDoesNotDependOnCallOrder(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
    java.nio.file.Files.writeString(dir.resolve(".env"), "CACHE_URL=redis://cache\n");

    Service service = Env.builder().environment(Map.of("DATABASE_URL", "postgres://db", "PORT", "1"))
        .directory(dir).hermetic().load(Service.class);

    assertThat(service.replica().url()).isEqualTo("redis://cache");
    assertThat(service.httpPort()).isEqualTo(1);
  }
}
