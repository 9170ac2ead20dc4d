package dev.envelope.junit.docs;

import static dev.envelope.Problem.Kind.CONSTRAINT;
import static dev.envelope.Problem.Kind.MISSING;
import static dev.envelope.junit.EnvAssertions.assertLoads;
import static dev.envelope.junit.EnvAssertions.assertProblems;
import static dev.envelope.junit.EnvAssertions.problem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.envelope.junit.EnvInput;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShopEnvTest {
  @Test
  void loadsForProduction() {
    ShopEnv env = assertLoads(ShopEnv.class, "production", Map.of(
        "APP_URL", "https://shop.example",
        "DATABASE_URL", "jdbc:postgresql://db/shop",
        "JWT_SECRET", "a-production-signing-key-of-40-characters",
        "SENTRY_DSN", "https://key@sentry.example/1"));

    assertThat(env.database().poolMax()).isEqualTo(10);
    assertThat(env.logLevel()).isEqualTo(ShopEnv.LogLevel.INFO);
  }

  @Test
  void testProfileNeedsOnlyTheUrls() {
    ShopEnv env = assertLoads(ShopEnv.class, "test", Map.of(
        "APP_URL", "http://localhost:8080",
        "DATABASE_URL", "jdbc:h2:mem:shop"));

    assertThat(env.sentryDsn()).isEmpty();
  }

  @Test
  void productionRejectsAShortSecretAndNeedsSentry() {
    EnvInput input = EnvInput.profile("production").values(
        "APP_URL=https://shop.example",
        "DATABASE_URL=jdbc:postgresql://db/shop",
        "JWT_SECRET=too-short");

    assertProblems(ShopEnv.class, input,
        problem("JWT_SECRET", CONSTRAINT),
        problem("SENTRY_DSN", MISSING));
  }

  @Test
  void developmentRunsFromTheCommittedDotEnv() {
    EnvInput input = EnvInput.profile("development")
        .dotEnvResource(ShopEnvTest.class, "development.env");

    ShopEnv env = assertLoads(ShopEnv.class, input);

    assertThat(env.logLevel()).isEqualTo(ShopEnv.LogLevel.DEBUG);
    assertThat(env.database().url()).isEqualTo("jdbc:postgresql://localhost/shop");
  }
}
