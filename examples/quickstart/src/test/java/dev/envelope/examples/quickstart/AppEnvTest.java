package dev.envelope.examples.quickstart;

import static dev.envelope.junit.EnvAssertions.assertLoads;
import static dev.envelope.junit.EnvAssertions.assertProblems;
import static dev.envelope.junit.EnvAssertions.problem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.envelope.Problem;
import dev.envelope.Profile;
import dev.envelope.junit.EnvCoverage;
import dev.envelope.junit.EnvInput;
import dev.envelope.junit.EnvTest;
import dev.envelope.junit.GeneratedDocs;
import dev.envelope.junit.ProvidedNames;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Checks the quickstart's schema for each profile without reading the real environment. */
class AppEnvTest {
  private static final String CANARY_KEY = "canary-prod-signing-key-0123456789abcdef";

  private static Map<String, String> production() {
    return Map.ofEntries(
        Map.entry("APP_URL", "https://app.example.com"),
        Map.entry("API_URL", "https://api.example.com"),
        Map.entry("DATABASE_URL", "postgres://app@db.internal:5432/app"),
        Map.entry("DATABASE_POOL_MAX", "50"),
        Map.entry("CACHE_URL", "redis://cache.internal:6379"),
        Map.entry("JWT_SECRET", CANARY_KEY),
        Map.entry("SMTP_HOST", "smtp.example.com"),
        Map.entry("SMTP_USER", "app"),
        Map.entry("SMTP_PASSWORD", "canary-smtp-password"),
        Map.entry("S3_BUCKET", "app-uploads"),
        Map.entry("S3_ACCESS_KEY_ID", "canary-access-key"),
        Map.entry("S3_SECRET_ACCESS_KEY", "canary-secret-key"),
        Map.entry("SENTRY_DSN", "https://key@sentry.example.com/1"));
  }

  @Test
  void developmentLoadsFromTheCommittedDotEnv() {
    AppEnv env = assertLoads(AppEnv.class, EnvInput.profile("development").dotEnvFile(Path.of(".env")));

    assertThat(env.appEnv()).isEqualTo(Profile.DEVELOPMENT);
    assertThat(env.database().poolMin()).isEqualTo(2);
    assertThat(env.database().poolMax()).isEqualTo(10);
    assertThat(env.jwt().expiresIn()).isEqualTo(Duration.ofMinutes(15));
    assertThat(env.jwt().refreshExpiresIn()).isEqualTo(Duration.ofDays(7));
    assertThat(env.sentryDsn()).isEmpty();
    assertThat(env.logLevel()).isEqualTo(AppEnv.LogLevel.INFO);
  }

  @Test
  void testProfileLoadsFromTheCommittedDotEnv() {
    AppEnv env = assertLoads(AppEnv.class, EnvInput.profile("test").dotEnvFile(Path.of(".env")));

    assertThat(env.appEnv()).isEqualTo(Profile.TEST);
  }

  @Test
  void productionLoadsFromTheEnvironmentItIsGiven() {
    AppEnv env = assertLoads(AppEnv.class, "production", production());

    assertThat(env.database().poolMax()).isEqualTo(50);
    assertThat(env.sentryDsn()).contains(URI.create("https://key@sentry.example.com/1"));
    assertThat(env.toString()).doesNotContain(CANARY_KEY).doesNotContain("canary");
  }

  @Test
  void productionRequiresSentryAndALongSigningKey() {
    Map<String, String> values = new java.util.HashMap<>(production());
    values.remove("SENTRY_DSN");
    values.put("JWT_SECRET", "canary-short");
    values.put("DATABASE_POOL_MAX", "900");

    assertProblems(AppEnv.class, EnvInput.profile("production").values(values),
        problem("DATABASE_POOL_MAX", Problem.Kind.CONSTRAINT),
        problem("JWT_SECRET", Problem.Kind.CONSTRAINT),
        problem("SENTRY_DSN", Problem.Kind.MISSING));
  }

  @Test
  void productionRefusesTheDevelopmentSecretsOfTheDotEnvFile() {
    Map<String, String> values = new java.util.HashMap<>(production());
    values.keySet().removeAll(java.util.Set.of("JWT_SECRET", "SMTP_PASSWORD", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"));

    assertProblems(AppEnv.class, EnvInput.profile("production").values(values).dotEnvFile(Path.of(".env")),
        problem("JWT_SECRET", Problem.Kind.CONSTRAINT),
        problem("SMTP_PASSWORD", Problem.Kind.CONSTRAINT),
        problem("S3_ACCESS_KEY_ID", Problem.Kind.CONSTRAINT),
        problem("S3_SECRET_ACCESS_KEY", Problem.Kind.CONSTRAINT));
  }

  @Test
  @EnvTest(profile = "staging", dotEnv = "/staging.env")
  void stagingReceivesTheRecord(AppEnv env) {
    assertThat(env.appEnv()).isEqualTo(Profile.STAGING);
    assertThat(env.logLevel()).isEqualTo(AppEnv.LogLevel.WARN);
  }

  @Test
  void theCommittedDotEnvCoversEverythingDevelopmentRequires() {
    EnvCoverage.assertProvides(AppEnv.class, "development", ProvidedNames.fromDotEnv(Path.of(".env")));
  }

  @Test
  void theCommittedDotEnvExampleMatchesTheSchema() {
    // Regenerate: ./mvnw -q -pl examples/quickstart -am test -Dtest=AppEnvTest -Dsurefire.failIfNoSpecifiedTests=false -Denvelope.regenerate=true
    GeneratedDocs.assertDotEnvExampleUpToDate(AppEnv.class, Path.of(".env.example"));
  }
}
