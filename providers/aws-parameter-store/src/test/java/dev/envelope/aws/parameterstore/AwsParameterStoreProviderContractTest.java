package dev.envelope.aws.parameterstore;

import dev.envelope.aws.testing.SignatureCheck;
import dev.envelope.junit.ProviderContract;
import dev.envelope.spi.EnvProvider;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Holds the provider to the shared contract, serving the entries as parameters under one path (the
 * secret as a SecureString), with region, endpoint and keys given as settings as a developer's
 * {@code .env} would give them.
 */
class AwsParameterStoreProviderContractTest extends ProviderContract {
  private static final String WRONG_SECRET_KEY = "contract-ps-wrong-secret-key-3b70";

  private FakeParameterStore ssm;

  @BeforeEach
  void start() throws Exception {
    ssm = new FakeParameterStore();
  }

  @AfterEach
  void stop() {
    ssm.close();
  }

  @Override
  protected EnvProvider providerServing(Map<String, String> entries) {
    entries.forEach((name, value) -> {
      String parameter = "/contract/" + name.toLowerCase(Locale.ROOT);
      if (name.equals(SECRET_NAME)) {
        ssm.secure(parameter, value);
      } else {
        ssm.string(parameter, value);
      }
    });
    return AwsParameterStoreProvider.builder().path("/contract/").build();
  }

  @Override
  protected EnvProvider failingProvider() {
    ssm.secure("/contract/contract_secret", CANARY);
    return AwsParameterStoreProvider.builder()
        .credentials(Fixtures.credentials(WRONG_SECRET_KEY))
        .path("/contract/")
        .build();
  }

  @Override
  protected Map<String, String> settings() {
    return Fixtures.settings(ssm);
  }

  @Override
  protected Set<String> credentials() {
    return Set.of(SignatureCheck.SECRET_ACCESS_KEY, WRONG_SECRET_KEY);
  }
}
