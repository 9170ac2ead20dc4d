package dev.envelope.examples.parameterstore;

import dev.envelope.Env;
import dev.envelope.EnvException;
import dev.envelope.aws.parameterstore.AwsParameterStoreProvider;

/**
 * Loads {@link AppEnv} from this folder's {@code .env} files in development, and from AWS Parameter
 * Store in staging and production; prints it with secrets masked, or the problem table.
 *
 * <p>Run it in development from the repository's root with {@code ./mvnw -q -pl
 * examples/aws-parameter-store -am compile exec:exec}. In production, set {@code APP_ENV=production}
 * and give the process an AWS region and credentials the usual way (an IAM role, {@code AWS_REGION},
 * ...): Envelope then reads every parameter under {@code /orders/prod/}, every page, and the payments
 * key by name.
 */
public final class ParameterStoreExample {
  private ParameterStoreExample() {}

  /** Returns the load the application runs: the provider is used only in staging and production. */
  static Env.Builder load() {
    AwsParameterStoreProvider parameters =
        AwsParameterStoreProvider.builder()
            .path("/orders/prod/")                                        // DB_HOST, DB_PASSWORD, ALLOWED_ORIGINS, ...
            .parameter("/shared/prod/payments-api-key", "PAYMENTS_API_KEY")
            .build();
    return Env.builder().provider(parameters, "staging", "production");
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
    System.out.println("  database  " + env.db().username() + "@" + env.db().host() + ":" + env.db().port() + "/"
        + env.db().name() + ", password " + env.db().password());
    System.out.println("  origins   " + String.join(", ", env.allowedOrigins()));
    System.out.println("  payments  key " + env.paymentsApiKey());
  }
}
