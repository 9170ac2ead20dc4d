package dev.envelope.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The pairs Spring's relaxed binding makes between properties and environment variables. */
class RelaxedNamesTest {
  @Test
  void everySpellingOfAPropertyNamesTheSameVariable() {
    assertThat(RelaxedNames.toVariable("app.url")).isEqualTo("APP_URL");
    assertThat(RelaxedNames.toVariable("app-url")).isEqualTo("APP_URL");
    assertThat(RelaxedNames.toVariable("appUrl")).isEqualTo("APP_URL");
    assertThat(RelaxedNames.toVariable("APP_URL")).isEqualTo("APP_URL");
    assertThat(RelaxedNames.toVariable("database.pool-min")).isEqualTo("DATABASE_POOL_MIN");
    assertThat(RelaxedNames.toVariable("database.poolMin")).isEqualTo("DATABASE_POOL_MIN");
    assertThat(RelaxedNames.toVariable("oauth2.clientId")).isEqualTo("OAUTH2_CLIENT_ID");
  }

  @Test
  void indexedPropertiesNameNoVariable() {
    assertThat(RelaxedNames.toVariable("app.hosts[0]")).isNull();
    assertThat(RelaxedNames.toVariable("")).isNull();
  }

  @Test
  void variableIsSuggestedAsItsDottedProperty() {
    assertThat(RelaxedNames.toProperty("JWT_EXPIRES_IN")).isEqualTo("jwt.expires.in");
  }
}
