package dev.envelope.doppler;

import static dev.envelope.doppler.DopplerFixture.SECRET;
import static dev.envelope.doppler.DopplerFixture.TOKEN;
import static dev.envelope.doppler.DopplerFixture.assertNoLeak;
import static dev.envelope.doppler.DopplerFixture.config;
import static dev.envelope.doppler.DopplerFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envelope.spi.ProviderException;
import dev.envelope.spi.ProviderSnapshot;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DopplerProviderTest {
  private final DopplerFixture doppler = new DopplerFixture();

  DopplerProviderTest() throws Exception {}

  @AfterEach
  void stopServer() {
    doppler.close();
  }

  private static Map<String, String> values(ProviderSnapshot snapshot) {
    Map<String, String> values = new LinkedHashMap<>();
    snapshot.entries().forEach(entry -> values.put(entry.name(), entry.value()));
    return values;
  }

  @Test
  void downloadsTheConfigWithOneAuthenticatedRequest() throws Exception {
    doppler.server.enqueue(config());
    DopplerProvider provider = doppler.provider().project("api").config("prd").build();

    ProviderSnapshot snapshot = provider.fetch(request());
    assertNoLeak(snapshot, snapshot.entries());

    RecordedRequest recorded = doppler.server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(recorded.getMethod()).isEqualTo("GET");
    assertThat(recorded.getUrl().encodedPath()).isEqualTo("/v3/configs/config/secrets/download");
    assertThat(recorded.getUrl().queryParameter("format")).isEqualTo("json");
    assertThat(recorded.getUrl().queryParameter("project")).isEqualTo("api");
    assertThat(recorded.getUrl().queryParameter("config")).isEqualTo("prd");
    assertThat(recorded.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(recorded.getHeaders().get("If-None-Match")).isNull();
    assertThat(doppler.server.getRequestCount()).isEqualTo(1);

    assertThat(values(snapshot))
        .containsEntry("DATABASE_URL", "postgres://db:5432/app")
        .containsEntry("JWT_SECRET", SECRET)
        .containsEntry("DOPPLER_PROJECT", "api");
    assertThat(snapshot.entries()).allSatisfy(entry -> assertThat(entry.origin()).isEqualTo("doppler api/prd"));
    assertThat(snapshot.note()).isEmpty();
    assertThat(provider.name()).isEqualTo("doppler api/prd");
    assertNoLeak(snapshot, snapshot.entries(), provider, provider.name());
  }

  @Test
  void dopplersComputedKeysAreNotCheckedAsUnknown() throws Exception {
    doppler.server.enqueue(config());

    ProviderSnapshot snapshot = doppler.provider().build().fetch(request());
    assertNoLeak(snapshot, snapshot.entries());

    Map<String, Boolean> checked = new LinkedHashMap<>();
    snapshot.entries().forEach(entry -> checked.put(entry.name(), entry.checked()));
    assertThat(checked)
        .containsEntry("DATABASE_URL", true)
        .containsEntry("JWT_SECRET", true)
        .containsEntry("DOPPLER_PROJECT", false)
        .containsEntry("DOPPLER_CONFIG", false)
        .containsEntry("DOPPLER_ENVIRONMENT", false);
  }

  @Test
  void tokenScopedConfigTakesItsOriginFromTheDownloadedKeys() throws Exception {
    doppler.server.enqueue(config());
    DopplerProvider provider = doppler.provider().build();

    ProviderSnapshot snapshot = provider.fetch(request());
    assertNoLeak(snapshot, snapshot.entries());

    RecordedRequest recorded = doppler.server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(recorded.getUrl().querySize()).isEqualTo(1);
    assertThat(provider.name()).isEqualTo("doppler");
    assertThat(snapshot.entries()).allSatisfy(entry -> assertThat(entry.origin()).isEqualTo("doppler api/prd"));
  }

  @Test
  void settingsSupplyTokenProjectConfigAndHost() throws Exception {
    doppler.server.enqueue(config());
    DopplerProvider provider = DopplerProvider.fromSettings();
    Map<String, String> settings =
        Map.of(
            "DOPPLER_TOKEN", TOKEN,
            "DOPPLER_PROJECT", "api",
            "DOPPLER_CONFIG", "stg",
            "DOPPLER_API_HOST", doppler.server.url("/").toString());

    ProviderSnapshot snapshot = provider.fetch(request(settings));
    assertNoLeak(snapshot, snapshot.entries());

    RecordedRequest recorded = doppler.server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(recorded.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(recorded.getUrl().queryParameter("config")).isEqualTo("stg");
    assertThat(snapshot.entries().get(0).origin()).isEqualTo("doppler api/stg");
    assertNoLeak(provider, snapshot.entries());
  }

  @Test
  void builderValuesTakePrecedenceOverSettings() throws Exception {
    doppler.server.enqueue(config());
    DopplerProvider provider = doppler.provider().project("api").config("prd").build();

    provider.fetch(request(Map.of("DOPPLER_TOKEN", "dp.st.other", "DOPPLER_CONFIG", "dev",
        "DOPPLER_API_HOST", "http://127.0.0.1:1/")));

    RecordedRequest recorded = doppler.server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(recorded.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(recorded.getUrl().queryParameter("config")).isEqualTo("prd");
  }

  @Test
  void missingTokenFailsWithoutARequest() {
    DopplerProvider provider = DopplerProvider.builder().apiHost(doppler.server.url("/").toString()).build();

    assertThatThrownBy(() -> provider.fetch(request()))
        .isInstanceOf(ProviderException.class)
        .hasMessageStartingWith("DOPPLER_TOKEN is not set (looked in: DopplerProvider.builder().token(...),"
            + " explicit values, the environment, the profile's .env files)");
    assertThat(doppler.server.getRequestCount()).isZero();
  }

  @Test
  void badApiHostSettingIsNamed() {
    DopplerProvider provider = DopplerProvider.builder().token(TOKEN).build();

    assertThatThrownBy(() -> provider.fetch(request(Map.of("DOPPLER_API_HOST", "api.doppler.com"))))
        .isInstanceOf(ProviderException.class)
        .hasMessage("DOPPLER_API_HOST 'api.doppler.com' is not an http or https URL");
  }

  @Test
  void givenHttpClientIsUsedWithItsInterceptors() throws Exception {
    doppler.server.enqueue(config());
    OkHttpClient client =
        new OkHttpClient.Builder()
            .addInterceptor(chain -> chain.proceed(chain.request().newBuilder().header("X-Trace", "t-1").build()))
            .build();

    doppler.provider().httpClient(client).build().fetch(request());

    RecordedRequest recorded = doppler.server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(recorded.getHeaders().get("X-Trace")).isEqualTo("t-1");
    assertThat(recorded.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
  }
}
