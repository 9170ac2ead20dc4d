package dev.envelope.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envelope.Env;
import dev.envelope.EnvException;
import dev.envelope.Name;
import dev.envelope.Problem;
import dev.envelope.Resolution;
import dev.envelope.Secret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Loads records through {@link Env} with the provider, as an application would. */
class AzureKeyVaultEnvTest {
  private static final String VERSION = "3f2a9c0e54d84b0c9f3c1f9f0a1b2c3d";

  record AppEnv(Secret<String> databaseUrl, @Name("PAYMENTS_KEY") Secret<String> paymentsApiKey) {}

  private FakeKeyVault vault;

  @BeforeEach
  void start() throws Exception {
    vault = new FakeKeyVault(Canaries.TOKEN);
  }

  @AfterEach
  void stop() {
    vault.close();
  }

  private Env.Builder load(AzureKeyVaultProvider.Builder provider) throws Exception {
    return Env.builder().hermetic().profile("production").provider(provider
        .vaultUrl(vault.url())
        .credential(TestCredential.issuing(Canaries.TOKEN))
        .sslContext(TestTls.client())
        .disableChallengeResourceVerification()
        .build());
  }

  @Test
  void loadsARecordWithOriginsNamingVaultSecretAndVersion() throws Exception {
    vault.put("database-url", VERSION, Canaries.VALUE);
    vault.put("payments-key", VERSION, "payments");

    Resolution<AppEnv> resolution = load(AzureKeyVaultProvider.builder()).resolve(AppEnv.class);

    assertThat(resolution.value().databaseUrl().reveal()).isEqualTo(Canaries.VALUE);
    String vaultName = vault.url().substring("https://".length());
    assertThat(resolution.report().variable("DATABASE_URL").orElseThrow().origin())
        .isEqualTo("azure-keyvault " + vaultName + "/database-url (version " + VERSION + ")");
    Canaries.assertAbsent(resolution.report() + " " + resolution.value());
  }

  @Test
  void nameAnnotationDecidesTheSecretThatIsRead() throws Exception {
    vault.put("database-url", VERSION, Canaries.VALUE);
    vault.put("payments-key", VERSION, "from-the-name-annotation");
    vault.put("payments-api-key", VERSION, "from-the-component-name");

    AppEnv env = load(AzureKeyVaultProvider.builder()).load(AppEnv.class);

    assertThat(env.paymentsApiKey().reveal()).isEqualTo("from-the-name-annotation");
    assertThat(vault.reads()).extracting(FakeKeyVault.Request::path)
        .containsExactlyInAnyOrder("/secrets/database-url/", "/secrets/payments-key/");
  }

  @Test
  void secretThatDoesNotExistIsMissingNamingTheVaultAndTheSecretTried() throws Exception {
    vault.put("database-url", VERSION, Canaries.VALUE);

    EnvException thrown = org.junit.jupiter.api.Assertions.assertThrows(EnvException.class,
        () -> load(AzureKeyVaultProvider.builder()).load(AppEnv.class));

    assertThat(thrown.problems()).singleElement().satisfies(problem -> {
      assertThat(problem.variable()).isEqualTo("PAYMENTS_KEY");
      assertThat(problem.kind()).isEqualTo(Problem.Kind.MISSING);
      assertThat(problem.origin())
          .isEqualTo("looked in: environment, azure-keyvault " + vault.url().substring("https://".length()) + " (secret payments-key)");
    });
    Canaries.assertAbsent(thrown.getMessage());
  }

  @Test
  void strictLoadReportsSecretsOfTheVaultThatTheSchemaDoesNotDeclare() throws Exception {
    vault.put("database-url", VERSION, Canaries.VALUE);
    vault.put("payments-key", VERSION, "payments");
    vault.put("datbase-url", VERSION, Canaries.VALUE);

    assertThatThrownBy(() -> load(AzureKeyVaultProvider.builder().reportUnknownKeys()).strict().load(AppEnv.class))
        .isInstanceOfSatisfying(EnvException.class, thrown -> {
          assertThat(thrown.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.variable()).isEqualTo("DATBASE_URL");
            assertThat(problem.kind()).isEqualTo(Problem.Kind.UNKNOWN);
            assertThat(problem.hint()).isEqualTo("did you mean DATABASE_URL?");
            assertThat(problem.origin()).endsWith("/datbase-url (listed, not read)");
          });
          Canaries.assertAbsent(thrown.getMessage());
        });
    assertThat(vault.reads()).extracting(FakeKeyVault.Request::path).doesNotContain("/secrets/datbase-url/");
  }
}
