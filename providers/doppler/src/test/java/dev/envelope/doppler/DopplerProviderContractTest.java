package dev.envelope.doppler;

import dev.envelope.junit.ProviderContract;
import dev.envelope.spi.EnvProvider;
import java.util.Map;
import java.util.Set;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Holds the Doppler provider to the behaviour every provider shares, against a local Doppler. */
class DopplerProviderContractTest extends ProviderContract {
  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void startServer() throws Exception {
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  /** Answers every request the same way, however often the contract fetches. */
  private void answer(MockResponse response) {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return response;
          }
        });
  }

  @Override
  protected EnvProvider providerServing(Map<String, String> entries) {
    answer(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body(new String(SecretsJson.write(entries), java.nio.charset.StandardCharsets.UTF_8)).build());
    return DopplerProvider.builder().project("api").config("stg").build();
  }

  @Override
  protected EnvProvider failingProvider() {
    answer(DopplerFixture.error(401, "Invalid Auth token"));
    return DopplerProvider.builder().project("api").config("stg").build();
  }

  @Override
  protected Map<String, String> settings() {
    return Map.of("DOPPLER_TOKEN", DopplerFixture.TOKEN, "DOPPLER_API_HOST", server.url("/").toString());
  }

  @Override
  protected Set<String> credentials() {
    return Set.of(DopplerFixture.TOKEN);
  }
}
