package dev.envelope.azure;

import dev.envelope.junit.ProviderContract;
import dev.envelope.spi.EnvProvider;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Holds the provider to the shared contract: each entry is a secret of the local vault under its
 * mapped name ({@code CONTRACT_SECRET} in {@code contract-secret}), read with the real SDK after its
 * bearer challenge; the failing provider's identity has no role on the secret.
 */
class AzureKeyVaultProviderContractTest extends ProviderContract {
  private FakeKeyVault vault;

  @BeforeEach
  void start() throws Exception {
    vault = new FakeKeyVault(Canaries.TOKEN);
  }

  @AfterEach
  void stop() {
    vault.close();
  }

  @Override
  protected EnvProvider providerServing(Map<String, String> entries) throws Exception {
    entries.forEach((name, value) -> vault.put(SecretNames.secretName(name), "0123456789abcdef0123456789abcdef", value));
    return provider();
  }

  @Override
  protected EnvProvider failingProvider() throws Exception {
    vault.put("contract-secret", "0123456789abcdef0123456789abcdef", CANARY);
    vault.forbid("contract-secret");
    return provider();
  }

  private EnvProvider provider() throws Exception {
    return AzureKeyVaultProvider.builder()
        .vaultUrl(vault.url())
        .credential(TestCredential.issuing(Canaries.TOKEN))
        .sslContext(TestTls.client())
        .disableChallengeResourceVerification()
        .build();
  }

  @Override
  protected Set<String> credentials() {
    return Set.of(Canaries.TOKEN);
  }
}
