package dev.envelope.doppler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envelope.Profile;
import dev.envelope.spi.ProviderRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

/** Shared pieces of the Doppler tests: a token and a secret that must never be printed. */
final class DopplerFixture {
  static final String TOKEN = "dp.st.prd.tokencanary0K7fQ2xYv9LmN3pRsT6uW8zA1bC4dE";
  static final String SECRET = "secretcanary-9b1f-never-print";

  /** A config as Doppler's download returns it, with its computed keys. */
  static final String CONFIG_JSON =
      "{\"DATABASE_URL\":\"postgres://db:5432/app\",\"JWT_SECRET\":\"" + SECRET + "\","
          + "\"DOPPLER_CONFIG\":\"prd\",\"DOPPLER_ENVIRONMENT\":\"prd\",\"DOPPLER_PROJECT\":\"api\"}";

  /** Records the waits between retries instead of waiting. */
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  final MockWebServer server = new MockWebServer();

  DopplerFixture() throws Exception {
    server.start();
  }

  /** Returns a builder aimed at the local server, with the token and no real waiting. */
  DopplerProvider.Builder provider() {
    return DopplerProvider.builder()
        .apiHost(server.url("/").toString())
        .token(TOKEN)
        .sleeper(sleeps::add);
  }

  static ProviderRequest request() {
    return request(Map.of());
  }

  static ProviderRequest request(Map<String, String> settings) {
    return ProviderRequest.of(Profile.PRODUCTION, Set.of("DATABASE_URL", "JWT_SECRET"), settings);
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
  }

  static MockResponse config() {
    return json(200, CONFIG_JSON);
  }

  /** Doppler's error body: {@code {"messages": [...], "success": false}}. */
  static MockResponse error(int code, String message) {
    return json(code, "{\"messages\":[\"" + message + "\"],\"success\":false}");
  }

  /** Asserts that neither the token nor the secret appears in any of {@code outputs}. */
  static void assertNoLeak(Object... outputs) {
    for (Object output : outputs) {
      assertThat(String.valueOf(output)).doesNotContain(TOKEN).doesNotContain("tokencanary").doesNotContain(SECRET);
    }
  }

  static String everything(Throwable thrown) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      text.append(t).append('\n');
    }
    return text.toString();
  }

  void close() {
    server.close();
  }
}
