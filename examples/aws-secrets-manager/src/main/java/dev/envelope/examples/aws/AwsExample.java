package dev.envelope.examples.aws;

import dev.envelope.Env;
import dev.envelope.EnvException;
import dev.envelope.aws.AwsSecret;
import dev.envelope.aws.AwsSecretsManagerProvider;

/**
 * Loads {@link AppEnv} from this folder's {@code .env} files in development, and from AWS Secrets
 * Manager in staging and production; prints it with secrets masked, or the problem table.
 *
 * <p>Run it in development from the repository's root with {@code ./mvnw -q -pl
 * examples/aws-secrets-manager -am compile exec:exec}. In production, set {@code
 * APP_ENV=production} and give the process an AWS region and credentials the usual way (an IAM role,
 * {@code AWS_REGION}, ...): Envelope then reads both secrets with one {@code BatchGetSecretValue} call.
 */
public final class AwsExample {
  private AwsExample() {}

  /** Returns the load the application runs: the provider is used only in staging and production. */
  static Env.Builder load() {
    AwsSecretsManagerProvider secrets =
        AwsSecretsManagerProvider.builder()
            .secret(AwsSecret.json("prod/orders/db").withPrefix("DATABASE_"))
            .secret(AwsSecret.plain("prod/orders/payments-api-key", "PAYMENTS_API_KEY"))
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
