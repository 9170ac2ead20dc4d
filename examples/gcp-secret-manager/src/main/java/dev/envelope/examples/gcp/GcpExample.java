package dev.envelope.examples.gcp;

import dev.envelope.Env;
import dev.envelope.EnvException;
import dev.envelope.gcp.GcpSecretManagerProvider;
import java.util.List;

/**
 * Loads {@link AppEnv} from this folder's {@code .env} files in development, and from Google Cloud
 * Secret Manager in staging and production; prints it with secrets masked, or the problem table.
 *
 * <p>In production, set {@code APP_ENV=production} and run with Application Default Credentials (the
 * Cloud Run or GKE service account, or {@code GOOGLE_APPLICATION_CREDENTIALS}): Envelope then makes
 * two {@code AccessSecretVersion} calls, one for the JSON secret {@code orders-db} and one for {@code
 * payments-api-key}, at the same time.
 */
public final class GcpExample {
  private GcpExample() {}

  /** Returns the load the application runs: the provider is used only in staging and production. */
  static Env.Builder load() {
    GcpSecretManagerProvider secrets =
        GcpSecretManagerProvider.builder()
            .project("orders-prod")
            .jsonSecret("orders-db", "DATABASE_")
            .secret("PAYMENTS_API_KEY", "payments-api-key")
            // The other variables are not in Secret Manager: do not spend a call on each of them.
            .only(List.of("PAYMENTS_API_KEY"))
            .build();
    return Env.builder().provider(secrets, "staging", "production");
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
    System.out.println("  database  " + env.database().username() + "@" + env.database().host() + ":"
        + env.database().port() + "/" + env.database().dbname() + ", password " + env.database().password());
    System.out.println("  payments  key " + env.paymentsApiKey());
  }
}
