package dev.envelope.aws;

import dev.envelope.aws.testing.Json;
import dev.envelope.aws.testing.SignatureCheck;
import dev.envelope.junit.ProviderContract;
import dev.envelope.spi.EnvProvider;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Holds the provider to the shared contract, serving the entries as one JSON secret from the local
 * Secrets Manager, with region, endpoint and keys given as settings as a developer's {@code .env}
 * would give them.
 */
class AwsSecretsManagerProviderContractTest extends ProviderContract {
  private static final String WRONG_SECRET_KEY = "contract-wrong-secret-key-77d1";

  private FakeSecretsManager aws;

  @BeforeEach
  void start() throws Exception {
    aws = new FakeSecretsManager();
  }

  @AfterEach
  void stop() {
    aws.close();
  }

  @Override
  protected EnvProvider providerServing(Map<String, String> entries) {
    aws.putString("contract/app", Json.object(entries));
    return AwsSecretsManagerProvider.builder().secret(AwsSecret.json("contract/app")).build();
  }

  @Override
  protected EnvProvider failingProvider() {
    aws.putString("contract/app", Json.object(Map.of(SECRET_NAME, CANARY, PLAIN_NAME, PLAIN_VALUE)));
    return AwsSecretsManagerProvider.builder()
        .credentials(Canaries.credentials(WRONG_SECRET_KEY))
        .secret(AwsSecret.json("contract/app"))
        .build();
  }

  @Override
  protected Map<String, String> settings() {
    return Map.of(
        "AWS_REGION", SignatureCheck.REGION,
        "AWS_ENDPOINT_URL_SECRETS_MANAGER", aws.endpoint().toString(),
        "AWS_ACCESS_KEY_ID", SignatureCheck.ACCESS_KEY_ID,
        "AWS_SECRET_ACCESS_KEY", SignatureCheck.SECRET_ACCESS_KEY);
  }

  @Override
  protected Set<String> credentials() {
    return Set.of(SignatureCheck.SECRET_ACCESS_KEY, WRONG_SECRET_KEY);
  }
}
