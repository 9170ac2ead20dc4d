package dev.envelope.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envelope.spi.EnvProvider;
import dev.envelope.spi.EnvProviderFactory;
import dev.envelope.spi.FetchLimits;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class AzureKeyVaultProviderFactoryTest {
  private final AzureKeyVaultProviderFactory factory = new AzureKeyVaultProviderFactory();

  private AzureKeyVaultProvider create(String uri) {
    List<EnvProvider> providers = factory.create(List.of(URI.create(uri)));
    assertThat(providers).hasSize(1);
    return (AzureKeyVaultProvider) providers.get(0);
  }

  @Test
  void factoryIsFoundByServiceLoaderUnderItsScheme() {
    assertThat(ServiceLoader.load(EnvProviderFactory.class).stream().map(ServiceLoader.Provider::get))
        .anySatisfy(f -> assertThat(f.scheme()).isEqualTo("azure-keyvault"));
  }

  @Test
  void vaultUrlNamesTheProviderAfterTheVault() {
    AzureKeyVaultProvider provider = create("azure-keyvault:https://My-Vault.vault.azure.net");

    assertThat(provider.name()).isEqualTo("azure-keyvault my-vault");
    assertThat(provider.vaultUrl()).isEqualTo("https://my-vault.vault.azure.net");
    assertThat(provider.limits()).isEqualTo(FetchLimits.DEFAULT);
  }

  @Test
  void bareVaultNameMeansTheVaultInThePublicCloud() {
    assertThat(create("azure-keyvault:my-vault").vaultUrl()).isEqualTo("https://my-vault.vault.azure.net");
  }

  @Test
  void vaultInAnotherCloudKeepsItsHost() {
    AzureKeyVaultProvider provider = create("azure-keyvault:https://my-vault.vault.azure.cn/");

    assertThat(provider.vaultUrl()).isEqualTo("https://my-vault.vault.azure.cn");
    assertThat(provider.name()).isEqualTo("azure-keyvault my-vault");
  }

  @Test
  void optionsSetVersionsNamesListingVerificationConcurrencyAndLimits() {
    AzureKeyVaultProvider provider = create("azure-keyvault:https://my-vault.vault.azure.net"
        + "?versions=DATABASE_URL:3f2a9c0e54d84b0c9f3c1f9f0a1b2c3d;API_KEY:9b1c&names=API_KEY:legacy-api-key"
        + "&reportUnknownKeys&disableChallengeResourceVerification&maxConcurrency=4"
        + "&maxAttempts=5&attemptTimeout=2s&timeout=15s");

    assertThat(provider.limits()).isEqualTo(FetchLimits.of(5, Duration.ofSeconds(2), Duration.ofSeconds(15)));
    assertThat(provider.toString())
        .isEqualTo("AzureKeyVaultProvider[https://my-vault.vault.azure.net, DefaultAzureCredential, "
            + "FetchLimits[maxAttempts=5, attemptTimeout=2 s, timeout=15 s], pinned [API_KEY, DATABASE_URL], "
            + "reports unknown keys, challenge resource not verified]");
  }

  @Test
  void unknownOptionIsAnErrorListingTheKnownOnes() {
    assertThatThrownBy(() -> create("azure-keyvault:my-vault?prefix=APP_"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Malformed provider URI 'azure-keyvault:my-vault?prefix=APP_': unknown option 'prefix' (known: versions,"
            + " names, reportUnknownKeys, disableChallengeResourceVerification, maxConcurrency, maxAttempts,"
            + " attemptTimeout, timeout); expected azure-keyvault:https://VAULT.vault.azure.net (or azure-keyvault:VAULT)"
            + "[?versions=VARIABLE:VERSION;...][&names=VARIABLE:secret-name;...][&reportUnknownKeys]");
  }

  @Test
  void plainHttpVaultIsRefused() {
    assertThatThrownBy(() -> create("azure-keyvault:http://my-vault.vault.azure.net"))
        .hasMessageStartingWith("Malformed provider URI 'azure-keyvault:http://my-vault.vault.azure.net': vault URL"
            + " 'http://my-vault.vault.azure.net' must be an https URL with a host");
  }

  @Test
  void vaultUrlWithAPathIsRefused() {
    assertThatThrownBy(() -> create("azure-keyvault:https://my-vault.vault.azure.net/secrets/db"))
        .hasMessageContaining("must be the vault's address only (https://my-vault.vault.azure.net), without path, query or user");
  }

  @Test
  void missingVaultIsAnError() {
    assertThatThrownBy(() -> create("azure-keyvault:/")).hasMessageContaining(": the vault is missing; expected ");
  }

  @Test
  void malformedPairIsAnErrorNamingIt() {
    assertThatThrownBy(() -> create("azure-keyvault:my-vault?versions=DATABASE_URL"))
        .hasMessageContaining(": versions takes VARIABLE:value pairs separated by ';', not 'DATABASE_URL'; expected ");
  }

  @Test
  void secretNameThatKeyVaultCannotHoldIsAnError() {
    assertThatThrownBy(() -> create("azure-keyvault:my-vault?names=API_KEY:api_key"))
        .hasMessageContaining(": 'api_key' (for API_KEY) is not a Key Vault secret name: use 1 to 127 letters, digits and -;");
  }

  @Test
  void limitsThatDoNotFitAreAnError() {
    assertThatThrownBy(() -> create("azure-keyvault:my-vault?attemptTimeout=30s&timeout=10s"))
        .hasMessageContaining("attemptTimeout (30 s) exceeds timeout (10 s)");
  }
}
