package dev.envelope.gcp;

import com.google.api.gax.rpc.FixedHeaderProvider;
import dev.envelope.junit.ProviderContract;
import dev.envelope.junit.ProviderInterruptionContract;
import dev.envelope.spi.EnvProvider;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Holds the provider to the shared contracts: each entry is a secret of the same name in the local
 * Secret Manager, the common failure is a rejected token, and a call the server never answers is
 * abandoned when the fetch is interrupted.
 */
class GcpSecretManagerProviderContractTest extends ProviderContract implements ProviderInterruptionContract {
  private static final String WRONG_TOKEN = "contract-wrong-token-5d20";

  private FakeSecretManager gcp;

  @BeforeEach
  void start() {
    gcp = new FakeSecretManager();
  }

  @AfterEach
  void stop() {
    gcp.close();
  }

  @Override
  protected EnvProvider providerServing(Map<String, String> entries) {
    entries.forEach(gcp::put);
    return Canaries.providerFor(gcp).build();
  }

  @Override
  protected EnvProvider failingProvider() throws IOException {
    gcp.put(SECRET_NAME, CANARY);
    gcp.requireToken("right-token");
    return GcpSecretManagerProvider.builder()
        .project(FakeSecretManager.PROJECT)
        .clientSettings(
            gcp.clientSettings().toBuilder()
                .setHeaderProvider(FixedHeaderProvider.create(Map.of("authorization", "Bearer " + WRONG_TOKEN)))
                .build())
        .build();
  }

  @Override
  protected Set<String> credentials() {
    return Set.of(WRONG_TOKEN);
  }

  @Override
  public BlockedFetch blockedFetch() {
    gcp.put(PLAIN_NAME, PLAIN_VALUE);
    gcp.hang(SECRET_NAME);
    return new BlockedFetch(Canaries.providerFor(gcp).build(), Map.of(), gcp.hangRequested(), gcp.hangCancelled());
  }
}
