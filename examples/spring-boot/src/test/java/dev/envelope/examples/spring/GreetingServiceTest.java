package dev.envelope.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the example as its README does, in development and, against a Doppler stand-in, in production. */
@ExtendWith(OutputCaptureExtension.class)
class GreetingServiceTest {
  private static final String TOKEN = "dp.st.prd.tokencanary0K7fQ2xYv9LmN3pRsT6uW8zA1bC4dE";
  private static final String API_KEY = "apikeycanary-from-doppler-42";

  @Test
  void developmentReadsTheDotEnvFile() throws Exception {
    try (ConfigurableApplicationContext context = SpringApplication.run(GreetingService.class, "--server.port=0")) {
      assertThat(get(context)).isEqualTo("Hello from http://localhost:8080 (development, key of 25 characters)\n");
    }
  }

  @Test
  void productionReadsDopplerThroughSpringConfigImport(CapturedOutput output) throws Exception {
    try (MockWebServer doppler = new MockWebServer()) {
      doppler.start();
      doppler.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
          .body("{\"APP_URL\":\"https://greeting.example\",\"API_KEY\":\"" + API_KEY + "\",\"DOPPLER_CONFIG\":\"prd\"}")
          .build());

      try (ConfigurableApplicationContext context = SpringApplication.run(GreetingService.class, "--server.port=0",
          "--spring.profiles.active=prod", "--doppler.api.host=" + doppler.url("/"), "--doppler.token=" + TOKEN)) {
        assertThat(get(context)).isEqualTo("Hello from https://greeting.example (production, key of 28 characters)\n");
      }
      RecordedRequest recorded = doppler.takeRequest(5, TimeUnit.SECONDS);
      assertThat(recorded.getUrl().encodedPath()).isEqualTo("/v3/configs/config/secrets/download");
      assertThat(recorded.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    }
    assertThat(output.getAll()).doesNotContain("tokencanary").doesNotContain(API_KEY);
  }

  private static String get(ConfigurableApplicationContext context) throws Exception {
    String port = context.getEnvironment().getProperty("local.server.port");
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build();
    HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }
}
