package dev.envelope.examples.azure;

import dev.envelope.Env;
import dev.envelope.EnvException;
import dev.envelope.azure.AzureKeyVaultProvider;

/**
 * Loads {@link AppEnv} from this folder's {@code .env} files in development, and from Azure Key
 * Vault in staging and production; prints it with secrets masked, or the problem table.
 *
 * <p>In production, set {@code APP_ENV=production} and give the process an identity with the role
 * {@code Key Vault Secrets User} on the vault (a managed identity, workload identity, or {@code
 * az login} on a developer's machine): Envelope then reads the four secrets at once.
 */
public final class AzureExample {
  /** The vault of this example; a deployment can name another one with ENVELOPE_PROVIDERS instead. */
  static final String VAULT_URL = "https://orders-prod.vault.azure.net";

  private AzureExample() {}

  /** Returns the load the application runs: the provider is used only in staging and production. */
  static Env.Builder load() {
    AzureKeyVaultProvider vault = AzureKeyVaultProvider.builder().vaultUrl(VAULT_URL).build();
    return Env.builder().provider(vault, "staging", "production");
  }

  public static void main(String[] args) {
    AppEnv env;
    try {
      env = load().load(AppEnv.class);
    } catch (EnvException e) {
      System.err.println(e.getMessage());
      System.exit(1);
      return;
    }
    System.out.println("Loaded AppEnv (profile " + env.appEnv() + ")");
    System.out.println("  database  " + env.database().username() + " at " + env.database().url()
        + ", password " + env.database().password());
    System.out.println("  payments  key " + env.paymentsApiKey());
  }
}
