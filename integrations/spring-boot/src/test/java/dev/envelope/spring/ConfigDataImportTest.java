package dev.envelope.spring;

import static dev.envelope.spring.DopplerStandIn.assertNoLeak;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.PropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Starts a web application on a random port whose values come from a Doppler stand-in through
 * {@code spring.config.import=envelope:doppler:api/prd}, and reads them over HTTP and actuator.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfigDataImportTest {
  private DopplerStandIn doppler;
  /** One start serves the tests that read it: a Boot start is most of a test's time. */
  private ConfigurableApplicationContext context;

  @BeforeAll
  void start() throws Exception {
    doppler = new DopplerStandIn();
    doppler.enqueue(200, DopplerStandIn.PRD_JSON);
    context = startWeb("--spring.config.import=envelope:doppler:api/prd",
        "--management.endpoints.web.exposure.include=env,configprops,envelope",
        "--management.endpoint.env.show-values=always",
        "--management.endpoint.configprops.show-values=always");
  }

  @AfterAll
  void close() {
    if (context != null) {
      context.close();
    }
    doppler.close();
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  @EnableEnvelope(ServiceEnv.class)
  @EnableConfigurationProperties(DatabaseProperties.class)
  @Import(UrlController.class)
  static class WebApp {}

  @ConfigurationProperties("database")
  record DatabaseProperties(String password) {}

  @RestController
  static class UrlController {
    private final ServiceEnv env;
    private final String appUrl;

    UrlController(ServiceEnv env, @Value("${app.url}") String appUrl) {
      this.env = env;
      this.appUrl = appUrl;
    }

    @GetMapping("/url")
    String url() {
      return env.appUrl() + " " + appUrl;
    }
  }

  @Test
  void webApplicationServesAValueImportedFromDoppler(CapturedOutput output) throws Exception {
    assertThat(get("/url")).isEqualTo("https://from-doppler.example https://from-doppler.example");
    RecordedRequest recorded = doppler.server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(recorded.getUrl().encodedPath()).isEqualTo("/v3/configs/config/secrets/download");
    assertThat(recorded.getUrl().queryParameter("project")).isEqualTo("api");
    assertThat(recorded.getUrl().queryParameter("config")).isEqualTo("prd");
    assertThat(recorded.getHeaders().get("Authorization")).isEqualTo("Bearer " + DopplerStandIn.TOKEN);
    assertThat(doppler.server.getRequestCount()).isEqualTo(1);
    assertNoLeak(output.getAll());
  }

  @Test
  void configurationPropertiesAndOtherLibrariesSeeImportedSecrets(CapturedOutput output) throws Exception {
    assertThat(context.getBean(DatabaseProperties.class).password()).isEqualTo(DopplerStandIn.DATABASE_PASSWORD);
    assertThat(context.getEnvironment().getProperty("spring.datasource.password")).isEqualTo(DopplerStandIn.DATABASE_PASSWORD);
    assertThat(context.getBean(ServiceEnv.class).jwtSecret().reveal()).isEqualTo(ServiceEnv.JWT_SECRET);
    assertNoLeak(output.getAll());
  }

  @Test
  void importedValuesKeepEnvelopeOrigins() throws Exception {
    assertThat(origins("spring.datasource.password")).containsExactly("doppler api/prd");
    assertThat(origins("app.url")).containsExactly("doppler api/prd");
    assertThat(EnableEnvelopeTest.origin(EnableEnvelopeTest.report(context), "APP_URL")).isEqualTo("doppler api/prd");
  }

  @Test
  void actuatorMasksImportedSecretsEvenWhenValuesAreShown(CapturedOutput output) throws Exception {
    String env = get("/actuator/env");
    assertThat(env).contains("envelope doppler api/prd-systemEnvironment").contains("\"DATABASE_PASSWORD\"").contains("******");
    assertThat(env).as("other values are shown").contains("from the environment");
    String configprops = get("/actuator/configprops");
    assertThat(configprops).contains("\"password\":\"******\"");
    String envelope = get("/actuator/envelope");
    assertThat(envelope)
        .startsWith("{\"schemas\":[{\"schema\":\"ServiceEnv\",\"profile\":\"development\",\"variables\":[")
        .contains("{\"name\":\"APP_URL\",\"value\":\"https://from-doppler.example\",\"origin\":\"doppler api/prd\",\"secret\":false,\"shadowed\":[]}")
        .contains("{\"name\":\"JWT_SECRET\",\"value\":\"****\",\"origin\":\"doppler api/prd\",\"secret\":true,\"shadowed\":[]}")
        .contains("\"imports\":[{\"provider\":\"doppler api/prd\",\"keys\":[{\"name\":\"APP_URL\",\"origin\":\"doppler api/prd\",\"value\":\"****\"}");
    assertNoLeak(env, configprops, envelope, output.getAll());
  }

  @Test
  void envelopeEndpointIsNotExposedUnlessBootExposesIt() throws Exception {
    try (DopplerStandIn other = new DopplerStandIn()) {
      other.enqueue(200, DopplerStandIn.PRD_JSON);
      List<String> args = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1"));
      args.addAll(List.of(other.settings()));
      args.add("--spring.config.import=envelope:doppler:api/prd");
      try (ConfigurableApplicationContext unexposed = new SpringApplicationBuilder(WebApp.class).run(args.toArray(String[]::new))) {
        HttpResponse<String> response = request(unexposed, "/actuator/envelope");
        assertThat(response.statusCode()).isEqualTo(404);
        assertNoLeak(response.body());
      }
    }
  }

  private ConfigurableApplicationContext startWeb(String... args) {
    List<String> all = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1"));
    all.addAll(List.of(doppler.settings()));
    all.addAll(List.of(args));
    return new SpringApplicationBuilder(WebApp.class).run(all.toArray(String[]::new));
  }

  private List<String> origins(String property) {
    List<String> origins = new ArrayList<>();
    for (PropertySource<?> source : context.getEnvironment().getPropertySources()) {
      if (ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)) {
        continue; // a view of all the others
      }
      Origin origin = source.containsProperty(property) ? OriginLookup.getOrigin(source, property) : null;
      if (origin != null) {
        origins.add(origin.toString());
      }
    }
    return origins;
  }

  private String get(String path) throws Exception {
    HttpResponse<String> response = request(context, path);
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return response.body();
  }

  private static HttpResponse<String> request(ConfigurableApplicationContext context, String path) throws Exception {
    String port = context.getEnvironment().getProperty("local.server.port");
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }
}
