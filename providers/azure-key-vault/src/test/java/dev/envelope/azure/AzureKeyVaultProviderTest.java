package dev.envelope.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.TokenRequestContext;
import dev.envelope.spi.ProviderException;
import dev.envelope.spi.ProviderSnapshot;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AzureKeyVaultProviderTest {
  private FakeKeyVault vault;
  private TestCredential credential;

  @BeforeEach
  void start() throws Exception {
    vault = new FakeKeyVault(Canaries.TOKEN);
    credential = TestCredential.issuing(Canaries.TOKEN);
  }

  @AfterEach
  void stop() {
    vault.close();
  }

  private AzureKeyVaultProvider.Builder provider() throws Exception {
    return AzureKeyVaultProvider.builder()
        .vaultUrl(vault.url())
        .credential(credential)
        .sslContext(TestTls.client())
        .disableChallengeResourceVerification();
  }

  private static Map<String, String> values(ProviderSnapshot snapshot) {
    return snapshot.entries().stream().collect(Collectors.toMap(ProviderSnapshot.Entry::name, ProviderSnapshot.Entry::value));
  }

  private static Map<String, String> origins(ProviderSnapshot snapshot) {
    return snapshot.entries().stream().collect(Collectors.toMap(ProviderSnapshot.Entry::name, ProviderSnapshot.Entry::origin));
  }

  @Test
  void readsEachDeclaredVariableFromItsMappedSecretAfterTheChallenge() throws Exception {
    vault.put("database-url", "3f2a9c0e54d84b0c9f3c1f9f0a1b2c3d", Canaries.VALUE);
    vault.put("api-key", "9b1c0000000000000000000000000001", "plain-key");

    ProviderSnapshot snapshot = provider().build().fetch(Canaries.request("DATABASE_URL", "API_KEY"));

    assertThat(values(snapshot)).containsExactlyInAnyOrderEntriesOf(Map.of("DATABASE_URL", Canaries.VALUE, "API_KEY", "plain-key"));
    assertThat(origins(snapshot)).containsEntry("DATABASE_URL",
        "azure-keyvault 127.0.0.1:" + vault.url().substring(vault.url().lastIndexOf(':') + 1)
            + "/database-url (version 3f2a9c0e54d84b0c9f3c1f9f0a1b2c3d)");
    assertThat(vault.reads()).extracting(FakeKeyVault.Request::path)
        .containsExactlyInAnyOrder("/secrets/database-url/", "/secrets/api-key/");
    assertThat(credential.requests).extracting(TokenRequestContext::getScopes)
        .allSatisfy(scopes -> assertThat(scopes).containsExactly(FakeKeyVault.RESOURCE + "/.default"));
    assertThat(credential.requests).extracting(TokenRequestContext::getTenantId).contains(FakeKeyVault.TENANT);
    Canaries.assertAbsent(snapshot.toString() + snapshot.entries());
  }

  @Test
  void secretThatDoesNotExistIsLeftOutWithoutAProblem() throws Exception {
    vault.put("api-key", "9b1c0000000000000000000000000001", "plain-key");

    ProviderSnapshot snapshot = provider().build().fetch(Canaries.request("DATABASE_URL", "API_KEY"));

    assertThat(values(snapshot)).containsOnlyKeys("API_KEY");
    assertThat(snapshot.lookedFor("DATABASE_URL")).isEqualTo("secret database-url");
    assertThat(vault.reads()).extracting(FakeKeyVault.Request::path).contains("/secrets/database-url/");
  }

  @Test
  void pinnedVersionIsReadInsteadOfTheLatest() throws Exception {
    vault.put("database-url", "00000000000000000000000000000001", Canaries.VALUE);
    vault.put("database-url", "00000000000000000000000000000002", "newer");

    ProviderSnapshot snapshot =
        provider().version("DATABASE_URL", "00000000000000000000000000000001").build().fetch(Canaries.request("DATABASE_URL"));

    assertThat(values(snapshot)).containsEntry("DATABASE_URL", Canaries.VALUE);
    assertThat(origins(snapshot).get("DATABASE_URL")).endsWith("/database-url (version 00000000000000000000000000000001)");
    assertThat(vault.reads()).extracting(FakeKeyVault.Request::path)
        .containsExactly("/secrets/database-url/00000000000000000000000000000001");
  }

  @Test
  void pinnedVersionThatDoesNotExistIsAProblemNotAGap() throws Exception {
    vault.put("database-url", "00000000000000000000000000000002", Canaries.VALUE);
    AzureKeyVaultProvider provider = provider().version("DATABASE_URL", "0000000000000000000000000000dead").build();

    assertThatThrownBy(() -> provider.fetch(Canaries.request("DATABASE_URL")))
        .isInstanceOf(ProviderException.class)
        .hasMessageStartingWith("secret database-url (version 0000000000000000000000000000dead) does not exist in Key Vault 127.0.0.1:")
        .hasMessageContaining("HTTP 404 SecretNotFound: A secret with (name/id) database-url/0000000000000000000000000000dead was not found")
        .hasMessageEndingWith("check the pinned version id")
        .satisfies(e -> Canaries.assertAbsent(e.getMessage()));
  }

  @Test
  void secretNameGivenOnTheBuilderWinsOverTheMapping() throws Exception {
    vault.put("prod-db-connection", "00000000000000000000000000000003", Canaries.VALUE);

    ProviderSnapshot snapshot =
        provider().secretName("DATABASE_URL", "Prod-DB-Connection").build().fetch(Canaries.request("DATABASE_URL"));

    assertThat(values(snapshot)).containsEntry("DATABASE_URL", Canaries.VALUE);
    assertThat(vault.reads()).extracting(FakeKeyVault.Request::path).containsExactly("/secrets/prod-db-connection/");
  }

  @Test
  void variablesWithoutAKeyVaultNameAreNotRequested() throws Exception {
    ProviderSnapshot snapshot = provider().build().fetch(Canaries.request("db.url", "API_KEY"));

    assertThat(snapshot.entries()).isEmpty();
    assertThat(snapshot.lookedFor("db.url")).isEqualTo("not read: a Key Vault name holds only letters, digits and -");
    assertThat(vault.reads()).extracting(FakeKeyVault.Request::path).containsExactly("/secrets/api-key/");
  }

  @Test
  void disabledSecretIsAProblemNamingItAndWhatToDo() throws Exception {
    vault.put("database-url", new FakeKeyVault.Version("00000000000000000000000000000004", Canaries.VALUE, false, null, null));
    AzureKeyVaultProvider provider = provider().build();

    assertThatThrownBy(() -> provider.fetch(Canaries.request("DATABASE_URL")))
        .hasMessageStartingWith("secret database-url is disabled in Key Vault 127.0.0.1:")
        .hasMessageContaining("(HTTP 403 Forbidden/SecretDisabled: Operation get is not allowed on a disabled secret)")
        .hasMessageEndingWith("enable its current version, or pin an enabled version for this variable")
        .satisfies(e -> Canaries.assertAbsent(e.getMessage()));
  }

  @Test
  void expiredSecretIsAProblemNamingItsVersionAndExpiry() throws Exception {
    // 2020-01-01T00:00:00Z: long past, so the test does not depend on today's date.
    vault.put("database-url", new FakeKeyVault.Version("00000000000000000000000000000005", Canaries.VALUE, true, 1_577_836_800L, null));
    AzureKeyVaultProvider provider = provider().build();

    assertThatThrownBy(() -> provider.fetch(Canaries.request("DATABASE_URL")))
        .hasMessageStartingWith("secret database-url (version 00000000000000000000000000000005) in Key Vault 127.0.0.1:")
        .hasMessageContaining(" expired on 2020-01-01T00:00Z: add a new version with a later expiry date")
        .satisfies(e -> Canaries.assertAbsent(e.getMessage()));
  }

  @Test
  void secretNotYetActiveIsAProblem() throws Exception {
    // 2100-01-01T00:00:00Z
    vault.put("database-url", new FakeKeyVault.Version("00000000000000000000000000000006", Canaries.VALUE, true, null, 4_102_444_800L));
    AzureKeyVaultProvider provider = provider().build();

    assertThatThrownBy(() -> provider.fetch(Canaries.request("DATABASE_URL")))
        .hasMessageContaining("is not valid before 2100-01-01T00:00Z (its activation date)")
        .satisfies(e -> Canaries.assertAbsent(e.getMessage()));
  }

  @Test
  void everyFailingSecretIsReportedAtOnce() throws Exception {
    vault.forbid("database-url");
    vault.put("api-key", new FakeKeyVault.Version("00000000000000000000000000000007", Canaries.VALUE, false, null, null));
    AzureKeyVaultProvider provider = provider().build();

    assertThatThrownBy(() -> provider.fetch(Canaries.request("DATABASE_URL", "API_KEY")))
        .hasMessageStartingWith("2 problems: ")
        .hasMessageContaining("secret api-key is disabled")
        .hasMessageContaining("may not read database-url");
  }

  @Test
  void reportingUnknownKeysListsEveryPageAndNeverReadsTheirValues() throws Exception {
    vault.pageSize(2);
    vault.put("database-url", "00000000000000000000000000000008", Canaries.VALUE);
    for (String name : List.of("datbase-url", "other-app-key", "legacy-token", "z-last")) {
      vault.put(name, "00000000000000000000000000000009", Canaries.VALUE);
    }

    ProviderSnapshot snapshot = provider().reportUnknownKeys().build().fetch(Canaries.request("DATABASE_URL"));

    assertThat(values(snapshot)).containsEntry("DATABASE_URL", Canaries.VALUE)
        .containsEntry("DATBASE_URL", "").containsEntry("OTHER_APP_KEY", "").containsEntry("LEGACY_TOKEN", "")
        .containsEntry("Z_LAST", "").hasSize(5);
    assertThat(origins(snapshot).get("DATBASE_URL")).endsWith("/datbase-url (listed, not read)");
    assertThat(vault.requests.stream().filter(r -> r.authorized() && r.path().equals("/secrets"))).hasSize(3);
    assertThat(vault.reads()).extracting(FakeKeyVault.Request::path).containsExactly("/secrets/database-url/");
  }

  @Test
  void readsAtMostMaxConcurrencySecretsAtOnce() throws Exception {
    String[] names = new String[12];
    for (int i = 0; i < names.length; i++) {
      names[i] = "SECRET_" + i;
      vault.put("secret-" + i, "0000000000000000000000000000000a", "value-" + i);
    }

    ProviderSnapshot snapshot = provider().maxConcurrency(2).build().fetch(Canaries.request(names));

    assertThat(snapshot.entries()).hasSize(12);
    assertThat(vault.mostInFlight.get()).isBetween(1, 2);
  }
}
