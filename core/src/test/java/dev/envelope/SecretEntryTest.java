package dev.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.envelope.spi.EnvProvider;
import dev.envelope.spi.ProviderRequest;
import dev.envelope.spi.ProviderSnapshot;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Values a provider marks secret (a Parameter Store SecureString): masked everywhere, and Secret-only in production. */
class SecretEntryTest {
  private static final String CANARY = "canary-securestring-5d0c-never-print";

  record Plain(String dbPassword, Secret<String> apiKey) {}

  record Numeric(int poolSize) {}

  private static EnvProvider marking(String name, String value) {
    return new EnvProvider() {
      @Override
      public String name() {
        return "store";
      }

      @Override
      public ProviderSnapshot fetch(ProviderRequest request) {
        return ProviderSnapshot.builder()
            .secret(name, value, "store /app/" + name.toLowerCase(Locale.ROOT))
            .secret("API_KEY", "key-" + value, "store /app/api_key")
            .build();
      }
    };
  }

  @Test
  void productionRefusesAMarkedSecretBoundToAComponentThatIsNotASecret() {
    EnvException thrown =
        catchThrowableOfType(
            EnvException.class,
            () -> Env.builder().hermetic().profile(Profile.PRODUCTION).provider(marking("DB_PASSWORD", CANARY)).load(Plain.class));

    assertThat(thrown.problems())
        .containsExactly(
            new Problem(
                "DB_PASSWORD",
                Problem.Kind.CONSTRAINT,
                "holds a value its source marks secret, and in production a secret may bind only to a Secret component",
                "store /app/db_password",
                "declare it as a Secret, or have the source hold it as a plain value"));
    assertThat(thrown.getMessage()).doesNotContain(CANARY);
  }

  @Test
  void outsideProductionAMarkedSecretBindsButIsMaskedInTheReport() {
    Resolution<Plain> resolution =
        Env.builder().hermetic().profile(Profile.STAGING).provider(marking("DB_PASSWORD", CANARY)).resolve(Plain.class);

    assertThat(resolution.value().dbPassword()).isEqualTo(CANARY);
    assertThat(resolution.report().variable("DB_PASSWORD").orElseThrow().value()).isEqualTo("****");
    assertThat(resolution.report().toString()).doesNotContain(CANARY);
  }

  @Test
  void aMarkedSecretIsNotQuotedInAConversionError() {
    EnvException thrown =
        catchThrowableOfType(
            EnvException.class,
            () -> Env.builder().hermetic().profile(Profile.DEVELOPMENT).provider(marking("POOL_SIZE", CANARY)).load(Numeric.class));

    assertThat(thrown.problems()).extracting(Problem::variable).contains("POOL_SIZE");
    assertThat(thrown.getMessage()).doesNotContain(CANARY);
  }

  @Test
  void entriesAddedWithPutAreNotMarkedSecret() {
    ProviderSnapshot snapshot = ProviderSnapshot.builder().put("A", "a-value", "o").secret("B", "b-value", "o").shared().build();

    assertThat(snapshot.entries()).extracting(ProviderSnapshot.Entry::secret).containsExactly(false, true);
  }
}
