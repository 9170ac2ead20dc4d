package dev.envelope.aws.parameterstore;

import dev.envelope.aws.testing.AwsFaultContract;
import dev.envelope.aws.testing.AwsStandIn;
import dev.envelope.spi.EnvProvider;
import dev.envelope.spi.FetchLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Holds the Parameter Store provider to the AWS fault cases: proxies' answers, stalls, waits, large bodies. */
class AwsParameterStoreFaultTest extends AwsFaultContract {
  private FakeParameterStore ssm;

  @BeforeEach
  void start() throws Exception {
    ssm = new FakeParameterStore();
    ssm.secure("/app/prod/api-key", CANARY);
  }

  @AfterEach
  void stop() {
    ssm.close();
  }

  @Override
  protected AwsStandIn standIn() {
    return ssm.server();
  }

  @Override
  protected EnvProvider provider(FetchLimits limits) {
    return Fixtures.providerFor(ssm).limits(limits).path("/app/prod/").build();
  }

  @Override
  protected String serviceName() {
    return "Parameter Store";
  }
}
