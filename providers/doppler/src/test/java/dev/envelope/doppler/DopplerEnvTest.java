package dev.envelope.doppler;

import static dev.envelope.doppler.DopplerFixture.TOKEN;
import static dev.envelope.doppler.DopplerFixture.assertNoLeak;
import static dev.envelope.doppler.DopplerFixture.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.envelope.Env;
import dev.envelope.EnvException;
import dev.envelope.Problem;
import dev.envelope.Profile;
import dev.envelope.Secret;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The deployment names the provider, and its limits, in {@code ENVELOPE_PROVIDERS}. */
class DopplerEnvTest {
  private final DopplerFixture doppler = new DopplerFixture();

  DopplerEnvTest() throws Exception {}

  @AfterEach
  void stopServer() {
    doppler.close();
  }

  record Schema(Secret<String> jwtSecret, String databaseUrl) {}

  private Env.Builder load(String providers) {
    return Env.builder().hermetic().profile(Profile.PRODUCTION).environment(Map.of(
        "ENVELOPE_PROVIDERS", providers,
        "DOPPLER_TOKEN", TOKEN,
        "DOPPLER_API_HOST", doppler.server.url("/").toString()));
  }

  @Test
  void limitsInTheProviderUriBoundTheFetch() {
    doppler.server.enqueue(new MockResponse.Builder(config()).headersDelay(20, TimeUnit.SECONDS).build());

    EnvException thrown = catchThrowableOfType(EnvException.class,
        () -> load("doppler:api/prd?maxAttempts=1&attemptTimeout=300ms&timeout=1s").load(Schema.class));

    assertThat(thrown.problems()).filteredOn(p -> p.kind() == Problem.Kind.PROVIDER).singleElement()
        .extracting(Problem::message).asString()
        .isEqualTo("Doppler at " + doppler.server.getHostName() + ":" + doppler.server.getPort()
            + " did not answer within 300 ms (1 attempt)");
    assertThat(doppler.server.getRequestCount()).isEqualTo(1);
    assertNoLeak(thrown.getMessage());
  }

  @Test
  void providerNamedInTheEnvironmentLoadsTheConfig() {
    doppler.server.enqueue(config());

    Schema env = load("doppler:api/prd?timeout=10s").load(Schema.class);

    assertThat(env.databaseUrl()).isEqualTo("postgres://db:5432/app");
    assertNoLeak(env);
  }
}
