package dev.envelope.doppler;

import static dev.envelope.doppler.DopplerFixture.SECRET;
import static dev.envelope.doppler.DopplerFixture.TOKEN;
import static dev.envelope.doppler.DopplerFixture.assertNoLeak;
import static dev.envelope.doppler.DopplerFixture.config;
import static dev.envelope.doppler.DopplerFixture.error;
import static dev.envelope.doppler.DopplerFixture.everything;
import static dev.envelope.doppler.DopplerFixture.json;
import static dev.envelope.doppler.DopplerFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.envelope.spi.ProviderException;
import dev.envelope.spi.ProviderSnapshot;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DopplerFailureTest {
  private final DopplerFixture doppler = new DopplerFixture();

  DopplerFailureTest() throws Exception {}

  @AfterEach
  void stopServer() {
    doppler.close();
  }

  private ProviderException fetchFails(DopplerProvider provider) {
    ProviderException thrown = catchThrowableOfType(ProviderException.class, () -> provider.fetch(request()));
    assertThat(thrown).as("fetch should fail").isNotNull();
    assertNoLeak(everything(thrown), provider);
    return thrown;
  }

  @Test
  void rejectedTokenShowsDopplersMessagesAndIsNotRetried() {
    doppler.server.enqueue(error(401, "Invalid Auth token"));

    ProviderException thrown = fetchFails(doppler.provider().project("api").config("prd").build());

    assertThat(thrown).hasMessage("Doppler rejected the token dp.st.… (401): Invalid Auth token;"
        + " check DOPPLER_TOKEN (a service token looks like dp.st.…)");
    assertThat(doppler.server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void tokenEchoedByTheServerIsRedacted() {
    doppler.server.enqueue(error(401, "Token " + TOKEN + " is revoked"));

    ProviderException thrown = fetchFails(doppler.provider().build());

    assertThat(thrown).hasMessageContaining("(401): Token dp.st.… is revoked");
  }

  @Test
  void fragmentOfTheTokenEchoedByTheServerIsRedacted() {
    String firstTwelve = TOKEN.substring(0, 12);
    String tail = TOKEN.substring(TOKEN.length() - 9);
    doppler.server.enqueue(error(401, "Token " + firstTwelve + "... (ending " + tail + ") is revoked"));

    ProviderException thrown = fetchFails(doppler.provider().build());

    assertThat(thrown).hasMessageContaining("(401): Token dp.st.…... (ending dp.st.…) is revoked");
    assertThat(thrown.getMessage()).doesNotContain(firstTwelve).doesNotContain(tail);
  }

  @Test
  void redirectIsNotFollowedAndNamesOnlyTheOtherHost() throws Exception {
    try (MockWebServer elsewhere = new MockWebServer()) {
      elsewhere.start();
      elsewhere.enqueue(config());
      String location = "http://localhost:" + elsewhere.getPort() + "/v3/configs/config/secrets/download?t=" + TOKEN;
      doppler.server.enqueue(new MockResponse.Builder().code(307).addHeader("Location", location).build());

      ProviderException thrown = fetchFails(doppler.provider().build());

      assertThat(thrown).hasMessage("Doppler at " + doppler.server.getHostName() + ":" + doppler.server.getPort()
          + " answered 307, redirecting to http://localhost:" + elsewhere.getPort() + "; redirects are not followed,"
          + " so that the token never leaves the configured API host: set DOPPLER_API_HOST to the address that"
          + " serves the API");
      assertThat(elsewhere.getRequestCount()).isZero();
      assertThat(doppler.server.getRequestCount()).isEqualTo(1);
    }
  }

  @Test
  void forbiddenConfigIsNotRetried() {
    doppler.server.enqueue(error(403, "This token does not have access to requested config 'prd'"));

    ProviderException thrown = fetchFails(doppler.provider().project("api").config("prd").build());

    assertThat(thrown).hasMessage("Doppler denied the token dp.st.… access to api/prd (403):"
        + " This token does not have access to requested config 'prd'");
    assertThat(doppler.server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void missingConfigIsNotRetried() {
    doppler.server.enqueue(error(404, "Could not find requested config 'prod'"));

    ProviderException thrown = fetchFails(doppler.provider().project("api").config("prod").build());

    assertThat(thrown).hasMessage("Doppler has no api/prod for the token dp.st.… (404): Could not find"
        + " requested config 'prod'; check DOPPLER_PROJECT and DOPPLER_CONFIG");
    assertThat(doppler.server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void otherClientErrorIsNotRetried() {
    doppler.server.enqueue(error(400, "Invalid project"));

    ProviderException thrown = fetchFails(doppler.provider().project("x").config("prd").build());

    assertThat(thrown).hasMessage("Doppler refused the request for x/prd (400): Invalid project");
    assertThat(doppler.server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void rateLimitIsRetriedAfterTheRetryAfterSeconds() throws Exception {
    doppler.server.enqueue(new MockResponse.Builder(error(429, "Too many requests")).addHeader("Retry-After", "3").build());
    doppler.server.enqueue(config());

    ProviderSnapshot snapshot = doppler.provider().build().fetch(request());
    assertNoLeak(snapshot, snapshot.entries());

    assertThat(snapshot.entries()).hasSize(5);
    // Retry-After plus up to half as long again, so that replicas refused together retry apart.
    assertThat(doppler.sleeps).singleElement()
        .satisfies(wait -> assertThat(wait).isBetween(Duration.ofSeconds(3), Duration.ofMillis(4500)));
    assertThat(doppler.server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void retryAfterWaitsSpreadOverHalfTheWindowAgainWithinTheTimeLeft() {
    java.util.Set<Duration> waits = new java.util.HashSet<>();
    for (int i = 0; i < 200; i++) {
      Duration wait = DopplerClient.spread(Duration.ofSeconds(10), Duration.ofSeconds(25));
      assertThat(wait).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(15));
      waits.add(wait);
    }
    assertThat(waits).as("distinct waits of 200").hasSizeGreaterThan(100);
    assertThat(DopplerClient.spread(Duration.ofSeconds(10), Duration.ofSeconds(11)))
        .isBetween(Duration.ofSeconds(10), Duration.ofSeconds(11));
    assertThat(DopplerClient.spread(Duration.ofSeconds(10), Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void rateLimitLongerThanTheProviderWaitsFailsAtOnce() {
    doppler.server.enqueue(new MockResponse.Builder(error(429, "Too many requests")).addHeader("Retry-After", "3600").build());

    ProviderException thrown = fetchFails(doppler.provider().build());

    assertThat(thrown.getMessage()).startsWith("Doppler is rate-limiting the token dp.st.… (429): Too many requests;"
        + " it asked to wait 3600 s, more than the ").endsWith(" s left of the 25 s time limit (1 attempt)");
    assertThat(doppler.sleeps).isEmpty();
    assertThat(doppler.server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void persistentRateLimitStopsAfterTheRetries() {
    for (int i = 0; i < 3; i++) {
      doppler.server.enqueue(new MockResponse.Builder(error(429, "Too many requests")).addHeader("Retry-After", "1").build());
    }

    ProviderException thrown = fetchFails(doppler.provider().maxAttempts(3).build());

    assertThat(thrown).hasMessage("Doppler is rate-limiting the token dp.st.… (429): Too many requests (3 attempts)");
    assertThat(doppler.server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void serverErrorIsRetriedThenSucceeds() throws Exception {
    doppler.server.enqueue(error(500, "Internal server error"));
    doppler.server.enqueue(config());

    ProviderSnapshot snapshot = doppler.provider().build().fetch(request());
    assertNoLeak(snapshot, snapshot.entries());

    assertThat(snapshot.entries()).extracting(ProviderSnapshot.Entry::name).contains("JWT_SECRET");
    assertThat(doppler.server.getRequestCount()).isEqualTo(2);
    assertThat(doppler.sleeps).hasSize(1);
  }

  @Test
  void persistentServerErrorsStopAfterTheRetriesWithGrowingJitteredBackoff() {
    for (int i = 0; i < 4; i++) {
      doppler.server.enqueue(error(503, "Service unavailable"));
    }
    DopplerProvider provider =
        doppler.provider().maxAttempts(4).backoff(Duration.ofMillis(100), Duration.ofMillis(300)).build();

    ProviderException thrown = fetchFails(provider);

    assertThat(thrown).hasMessage("Doppler answered 503: Service unavailable (4 attempts)");
    assertThat(doppler.server.getRequestCount()).isEqualTo(4);
    assertThat(doppler.sleeps).hasSize(3);
    assertThat(doppler.sleeps.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
    assertThat(doppler.sleeps.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
    assertThat(doppler.sleeps.get(2)).isBetween(Duration.ofMillis(150), Duration.ofMillis(300));
  }

  @Test
  void droppedConnectionIsRetried() throws Exception {
    doppler.server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
    doppler.server.enqueue(config());

    ProviderSnapshot snapshot = doppler.provider().build().fetch(request());
    assertNoLeak(snapshot, snapshot.entries());

    assertThat(snapshot.entries()).hasSize(5);
    assertThat(doppler.server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void connectionDroppedOnEveryAttemptIsReported() {
    for (int i = 0; i < 2; i++) {
      doppler.server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
    }

    ProviderException thrown = fetchFails(doppler.provider().maxAttempts(2).build());

    assertThat(thrown.getMessage())
        .startsWith("Lost the connection to Doppler at " + doppler.server.getHostName() + ":" + doppler.server.getPort())
        .endsWith("(2 attempts)");
    assertThat(doppler.server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void slowResponsePastTheReadTimeoutIsRetriedThenReported() {
    for (int i = 0; i < 2; i++) {
      doppler.server.enqueue(new MockResponse.Builder(config()).headersDelay(5, TimeUnit.SECONDS).build());
    }
    DopplerProvider provider = doppler.provider().attemptTimeout(Duration.ofMillis(200)).maxAttempts(2).build();

    ProviderException thrown = fetchFails(provider);

    assertThat(thrown.getMessage())
        .startsWith("Doppler at " + doppler.server.getHostName() + ":" + doppler.server.getPort() + " did not answer within 200 ms")
        .endsWith("(2 attempts)");
    assertThat(doppler.server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void truncatedBodyIsReportedWithoutQuotingIt() {
    doppler.server.enqueue(json(200, "{\"DATABASE_URL\":\"postgres://db\",\"JWT_SECRET\":\"" + SECRET));

    ProviderException thrown = fetchFails(doppler.provider().project("api").config("prd").build());

    assertThat(thrown.getMessage()).startsWith("Doppler's response for api/prd is not a JSON object of strings:"
        + " it ends in the middle of the JSON (line 1, column ");
    assertThat(doppler.server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void nonJsonBodyIsReported() {
    doppler.server.enqueue(new MockResponse.Builder().code(200).body("<html>" + SECRET + "</html>").build());

    ProviderException thrown = fetchFails(doppler.provider().build());

    assertThat(thrown).hasMessage("Doppler's response for the token's config is not a JSON object of strings:"
        + " it is not valid JSON (line 1, column 1)");
  }

  @Test
  void nonStringValueIsReportedByName() {
    doppler.server.enqueue(json(200, "{\"JWT_SECRET\":\"" + SECRET + "\",\"DATABASE_POOL_MAX\":10}"));

    ProviderException thrown = fetchFails(doppler.provider().project("api").config("prd").build());

    assertThat(thrown).hasMessage("Doppler's response for api/prd is not a JSON object of strings:"
        + " the value of DATABASE_POOL_MAX is a number, not a string");
  }

  @Test
  void jsonArrayIsNotAConfig() {
    doppler.server.enqueue(json(200, "[\"" + SECRET + "\"]"));

    ProviderException thrown = fetchFails(doppler.provider().build());

    assertThat(thrown.getMessage()).endsWith("it is not a JSON object (line 1, column 1)");
  }

  @Test
  void unreachableHostIsRetriedThenReported() throws Exception {
    String closed = doppler.server.url("/").toString();
    doppler.close();

    ProviderException thrown = fetchFails(
        DopplerProvider.builder().apiHost(closed).token(TOKEN).sleeper(doppler.sleeps::add).build());

    assertThat(thrown.getMessage()).startsWith("Could not connect to Doppler at ").endsWith("(3 attempts)");
    assertThat(doppler.sleeps).hasSize(2);
  }

  @Test
  void retriesStopAtTheFetchTimeLimit() {
    doppler.server.enqueue(error(503, "Service unavailable"));
    doppler.server.enqueue(error(503, "Service unavailable"));
    DopplerProvider provider =
        doppler.provider().timeout(Duration.ofMillis(300)).backoff(Duration.ofSeconds(1), Duration.ofSeconds(1)).build();

    ProviderException thrown = fetchFails(provider);

    assertThat(thrown).hasMessage("Doppler answered 503: Service unavailable (1 attempt, stopped by the 300 ms time limit)");
    assertThat(doppler.server.getRequestCount()).isEqualTo(1);
    assertThat(doppler.sleeps).isEmpty();
  }
}
