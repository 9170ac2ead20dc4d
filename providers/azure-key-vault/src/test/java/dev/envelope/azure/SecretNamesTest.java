package dev.envelope.azure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretNamesTest {
  @Test
  void variableNamesBecomeLowerCaseWithHyphens() {
    assertThat(SecretNames.secretName("DATABASE_URL")).isEqualTo("database-url");
    assertThat(SecretNames.secretName("JWT_SECRET_2")).isEqualTo("jwt-secret-2");
    assertThat(SecretNames.secretName("API-KEY")).isEqualTo("api-key");
  }

  @Test
  void namesWithOtherCharactersOrTooLongHaveNoSecret() {
    assertThat(SecretNames.secretName("db.url")).isNull();
    assertThat(SecretNames.secretName("PASSWÖRD")).isNull();
    assertThat(SecretNames.secretName("A".repeat(128))).isNull();
    assertThat(SecretNames.secretName("A".repeat(127))).isEqualTo("a".repeat(127));
  }

  @Test
  void listedSecretsMapBackToTheVariableTheyWouldFeed() {
    assertThat(SecretNames.variableName("database-url")).isEqualTo("DATABASE_URL");
    assertThat(SecretNames.variableName("Prod-Db")).isEqualTo("PROD_DB");
  }
}
