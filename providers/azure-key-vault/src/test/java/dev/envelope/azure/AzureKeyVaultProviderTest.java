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
}
