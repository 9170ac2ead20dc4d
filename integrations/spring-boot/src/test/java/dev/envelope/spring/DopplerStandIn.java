package dev.envelope.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.RecordedRequest;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

/**
 * A local server that answers as Doppler's secrets download does, and the canaries it serves: a
 * service token and secrets that must never appear in output or actuator responses.
 */
final class DopplerStandIn implements AutoCloseable {
  static final String TOKEN = "dp.st.prd.tokencanary0K7fQ2xYv9LmN3pRsT6uW8zA1bC4dE";
  static final String DATABASE_PASSWORD = "dbcanary-7f3e-never-print";

  /** The {@code api/prd} config as Doppler's download returns it, with its computed keys. */
  static final String PRD_JSON =
      "{\"APP_URL\":\"https://from-doppler.example\",\"JWT_SECRET\":\"" + ServiceEnv.JWT_SECRET + "\","
          + "\"DATABASE_PASSWORD\":\"" + DATABASE_PASSWORD + "\",\"SPRING_DATASOURCE_PASSWORD\":\"" + DATABASE_PASSWORD + "\","
          + "\"DOPPLER_CONFIG\":\"prd\",\"DOPPLER_ENVIRONMENT\":\"prd\",\"DOPPLER_PROJECT\":\"api\"}";

  final MockWebServer server = new MockWebServer();

  DopplerStandIn() throws IOException {
    server.start();
  }

  /** Returns the command-line arguments that aim Envelope's Doppler provider at this server. */
  String[] settings() {
    return new String[] {"--doppler.api.host=" + server.url("/"), "--doppler.token=" + TOKEN};
  }

  /** Answers every download with the JSON of the config it asks for ({@code ?config=}). */
  void serve(Map<String, String> configs) {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String body = configs.get(request.getUrl().queryParameter("config"));
        return body == null ? response(404, "{\"messages\":[\"Could not find requested config\"],\"success\":false}") : response(200, body);
      }
    });
  }

  void enqueue(int code, String body) {
    server.enqueue(response(code, body));
  }

  private static MockResponse response(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
  }

  /** Asserts that no canary appears in any of {@code outputs}. */
  static void assertNoLeak(Object... outputs) {
    for (Object output : outputs) {
      assertThat(String.valueOf(output))
          .doesNotContain("tokencanary")
          .doesNotContain(DATABASE_PASSWORD)
          .doesNotContain("dbcanary")
          .doesNotContain("jwtcanary");
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
