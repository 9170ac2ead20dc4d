package dev.envelope.aws;

import static dev.envelope.aws.Canaries.REQUEST;
import static dev.envelope.aws.Canaries.assertNoneIn;
import static dev.envelope.aws.Canaries.providerFor;
import static dev.envelope.aws.Canaries.values;
import static org.assertj.core.api.Assertions.assertThat;

import dev.envelope.spi.ProviderSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The work of a fetch grows with the number of secrets by whole batches: n secrets take ⌈n/20⌉
 * {@code BatchGetSecretValue} calls and no other, so a load's calls (and the API quota it spends)
 * stay linear in the secrets it reads, 20 at a time.
 */
class SecretCountScalingTest {
  private FakeSecretsManager aws;

  @BeforeEach
  void start() throws Exception {
    aws = new FakeSecretsManager();
  }

  @AfterEach
  void stop() {
    aws.close();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 19, 20, 21, 40, 100})
  void nSecretsTakeOneBatchCallPerTwenty(int n) throws Exception {
    AwsSecretsManagerProvider.Builder builder = providerFor(aws);
    for (int i = 0; i < n; i++) {
      aws.putString("fleet/s" + i, "canary-value-" + i + "-7f3a");
      builder.plainSecret("fleet/s" + i, "S" + i);
    }

    ProviderSnapshot snapshot = builder.build().fetch(REQUEST);

    assertThat(values(snapshot)).hasSize(n).containsEntry("S" + (n - 1), "canary-value-" + (n - 1) + "-7f3a");
    assertThat(aws.calls("BatchGetSecretValue")).isEqualTo((n + 19) / 20);
    assertThat(aws.calls("GetSecretValue")).isZero();
    assertThat(aws.calls()).hasSize((n + 19) / 20);
    assertNoneIn(snapshot + " " + snapshot.entries(), "canary-value-0-7f3a");
  }
}
