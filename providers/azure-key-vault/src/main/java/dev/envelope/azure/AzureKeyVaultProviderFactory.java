package dev.envelope.azure;

import dev.envelope.spi.EnvProvider;
import dev.envelope.spi.EnvProviderFactory;
import dev.envelope.spi.FetchLimits;
import dev.envelope.spi.ProviderUri;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Creates {@link AzureKeyVaultProvider}s from {@code azure-keyvault:} URIs, one vault per URI:
 * {@code azure-keyvault:https://my-vault.vault.azure.net}, or {@code azure-keyvault:my-vault} for a
 * vault in the public Azure cloud. Options: {@code versions=DATABASE_URL:3f2a...;API_KEY:9b1c...}
 * pins versions, {@code names=DATABASE_URL:prod-db-url} reads a variable from another secret, {@code
 * reportUnknownKeys} lists the vault, {@code disableChallengeResourceVerification}, {@code
 * maxConcurrency=8}, and the {@linkplain FetchLimits#OPTIONS limits}. Found by {@link
 * java.util.ServiceLoader}.
 */
public final class AzureKeyVaultProviderFactory implements EnvProviderFactory {
  private static final String EXPECTED =
      "azure-keyvault:https://VAULT.vault.azure.net (or azure-keyvault:VAULT)"
          + "[?versions=VARIABLE:VERSION;...][&names=VARIABLE:secret-name;...][&reportUnknownKeys]";
  private static final List<String> OPTIONS =
      List.of("versions", "names", "reportUnknownKeys", "disableChallengeResourceVerification", "maxConcurrency");

  /** Creates the factory; called by {@link java.util.ServiceLoader}. */
  public AzureKeyVaultProviderFactory() {}

  @Override
  public String scheme() {
    return AzureKeyVaultProvider.SCHEME;
  }

  @Override
  public List<EnvProvider> create(List<URI> uris) {
    List<EnvProvider> providers = new ArrayList<>(uris.size());
    for (URI uri : uris) {
      providers.add(create(ProviderUri.parse(uri, AzureKeyVaultProvider.SCHEME, EXPECTED, OPTIONS)));
    }
    return providers;
  }

  private static AzureKeyVaultProvider create(ProviderUri uri) {
    String target = uri.target();
    if (target.isEmpty()) {
      throw uri.malformed("the vault is missing");
    }
    String url = target.contains("://") ? target : "https://" + target + ".vault.azure.net";
    if (!target.contains("://") && !SecretNames.isValid(target)) {
      throw uri.malformed("'" + target + "' is neither a vault URL nor a vault name");
    }
    AzureKeyVaultProvider.Builder builder = AzureKeyVaultProvider.builder();
    try {
      builder.vaultUrl(url);
      pairs(uri, "versions", builder::version);
      pairs(uri, "names", builder::secretName);
      uri.positiveInt("maxConcurrency").ifPresent(builder::maxConcurrency);
    } catch (IllegalArgumentException e) {
      if (e.getMessage().startsWith("Malformed provider URI")) {
        throw e;
      }
      throw uri.malformed(e.getMessage());
    }
    if (uri.flag("reportUnknownKeys", false)) {
      builder.reportUnknownKeys();
    }
    if (uri.flag("disableChallengeResourceVerification", false)) {
      builder.disableChallengeResourceVerification();
    }
    return builder.limits(uri.limits(FetchLimits.DEFAULT)).build();
  }

  /** Applies {@code VARIABLE:value;VARIABLE:value} from the option {@code option}. */
  private static void pairs(ProviderUri uri, String option, BiConsumer<String, String> apply) {
    String list = uri.option(option).orElse("");
    for (String pair : list.split(";")) {
      if (pair.isBlank()) {
        continue;
      }
      int colon = pair.indexOf(':');
      if (colon <= 0 || colon == pair.length() - 1) {
        throw uri.malformed(option + " takes VARIABLE:value pairs separated by ';', not '" + pair + "'");
      }
      apply.accept(pair.substring(0, colon).strip(), pair.substring(colon + 1).strip());
    }
  }
}
