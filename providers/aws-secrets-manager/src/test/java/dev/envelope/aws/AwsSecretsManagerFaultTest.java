package dev.envelope.aws;

import dev.envelope.aws.testing.AwsFaultContract;
import dev.envelope.aws.testing.AwsStandIn;
import dev.envelope.spi.EnvProvider;
import dev.envelope.spi.FetchLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Holds the Secrets Manager provider to the AWS fault cases: proxies' answers, stalls, waits, large bodies. */
class AwsSecretsManagerFaultTest extends AwsFaultContract {
  private FakeSecretsManager aws;

  @BeforeEach
  void start() throws Exception {
    aws = new FakeSecretsManager();
    aws.putString("prod/api-key", CANARY);
  }

  @AfterEach
  void stop() {
    aws.close();
  }

  @Override
  protected AwsStandIn standIn() {
    return aws.server();
  }

  @Override
  protected EnvProvider provider(FetchLimits limits) {
    return Canaries.providerFor(aws).limits(limits).plainSecret("prod/api-key", "API_KEY").build();
  }

  @Override
  protected String serviceName() {
    return "Secrets Manager";
  }
}
