package dev.envelope.doppler;

import static dev.envelope.doppler.DopplerFixture.CONFIG_JSON;
import static dev.envelope.doppler.DopplerFixture.SECRET;
import static dev.envelope.doppler.DopplerFixture.TOKEN;
import static dev.envelope.doppler.DopplerFixture.assertNoLeak;
import static dev.envelope.doppler.DopplerFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.envelope.Env;
import dev.envelope.EnvChange;
import dev.envelope.EnvLoader;
import dev.envelope.LiveEnv;
import dev.envelope.Profile;
import dev.envelope.Secret;
import dev.envelope.spi.ProviderSnapshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Refreshes of live configuration: conditional downloads with Doppler's ETag. */
class DopplerRefreshTest {
  /** A weak ETag: whatever its form, it goes back to Doppler exactly as received. */
  private static final String ETAG = "W/\"7b-kO9xQ1Z2b3c4d5e6f7g8h9i0j\"";

  private final DopplerFixture doppler = new DopplerFixture();

  @TempDir Path directory;

  DopplerRefreshTest() throws Exception {}

  @AfterEach
  void stopServer() {
    doppler.close();
  }

  record Schema(Secret<String> jwtSecret, String databaseUrl) {}

  private static MockResponse download(String etag, String body) {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json; charset=utf-8")
        .addHeader("ETag", etag).body(body).build();
  }

  /** Doppler's answer to a matching {@code If-None-Match}: the ETag again, no body. */
  private static MockResponse notModified(String etag) {
    return new MockResponse.Builder().code(304).addHeader("ETag", etag).build();
  }

  private RecordedRequest next() throws InterruptedException {
    return doppler.server.takeRequest(5, TimeUnit.SECONDS);
  }

  @Test
  void refreshSendsThePreviousEtagAndA304ReturnsThePreviousSnapshot() throws Exception {
    doppler.server.enqueue(download(ETAG, CONFIG_JSON));
    doppler.server.enqueue(notModified(ETAG));
    DopplerProvider provider = doppler.provider().project("api").config("prd").build();

    ProviderSnapshot first = provider.fetch(request());
    ProviderSnapshot second = provider.fetch(request().withPrevious(first));

    assertThat(next().getHeaders().get("If-None-Match")).isNull();
    RecordedRequest conditional = next();
    assertThat(conditional.getHeaders().get("If-None-Match")).isEqualTo(ETAG);
    assertThat(conditional.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(second).isSameAs(first);
    assertThat(doppler.server.getRequestCount()).isEqualTo(2);
    assertThat(first.version()).endsWith("/" + ETAG);
    assertNoLeak(first.version(), second, second.entries());
  }

  @Test
  void changedConfigIsDownloadedAndItsNewEtagSentNextTime() throws Exception {
    doppler.server.enqueue(download("\"v1\"", CONFIG_JSON));
    doppler.server.enqueue(download("\"v2\"", "{\"DATABASE_URL\":\"postgres://new\",\"JWT_SECRET\":\"" + SECRET + "\"}"));
    doppler.server.enqueue(notModified("\"v2\""));
    DopplerProvider provider = doppler.provider().build();

    ProviderSnapshot first = provider.fetch(request());
    ProviderSnapshot changed = provider.fetch(request().withPrevious(first));
    ProviderSnapshot unchanged = provider.fetch(request().withPrevious(changed));

    next();
    assertThat(next().getHeaders().get("If-None-Match")).isEqualTo("\"v1\"");
    assertThat(next().getHeaders().get("If-None-Match")).isEqualTo("\"v2\"");
    assertThat(Snapshots.secrets(changed)).containsExactly(
        Map.entry("DATABASE_URL", "postgres://new"), Map.entry("JWT_SECRET", SECRET));
    assertThat(unchanged).isSameAs(changed);
  }

  @Test
  void previousOfAnotherTokenIsNotSentAsIfNoneMatch() throws Exception {
    doppler.server.enqueue(download("\"v1\"", CONFIG_JSON));
    doppler.server.enqueue(download("\"v1\"", CONFIG_JSON));
    DopplerProvider provider =
        DopplerProvider.builder().apiHost(doppler.server.url("/").toString()).sleeper(doppler.sleeps::add).build();

    ProviderSnapshot first = provider.fetch(request(Map.of("DOPPLER_TOKEN", TOKEN)));
    ProviderSnapshot second = provider.fetch(request(Map.of("DOPPLER_TOKEN", "dp.st.another-token")).withPrevious(first));

    next();
    assertThat(next().getHeaders().get("If-None-Match")).isNull();
    assertThat(second).isNotSameAs(first);
  }

  @Test
  void previousOfAnotherConfigIsNotSentAsIfNoneMatch() throws Exception {
    doppler.server.enqueue(download("\"v1\"", CONFIG_JSON));
    doppler.server.enqueue(download("\"v1\"", CONFIG_JSON));
    DopplerProvider provider = doppler.provider().project("api").build();

    ProviderSnapshot prd = provider.fetch(request(Map.of("DOPPLER_CONFIG", "prd")));
    provider.fetch(request(Map.of("DOPPLER_CONFIG", "stg")).withPrevious(prd));

    next();
    RecordedRequest stg = next();
    assertThat(stg.getUrl().queryParameter("config")).isEqualTo("stg");
    assertThat(stg.getHeaders().get("If-None-Match")).isNull();
  }

  @Test
  void downloadWithoutEtagMakesTheNextRefreshAFullDownload() throws Exception {
    doppler.server.enqueue(DopplerFixture.config());
    doppler.server.enqueue(DopplerFixture.config());
    DopplerProvider provider = doppler.provider().build();

    ProviderSnapshot first = provider.fetch(request());
    provider.fetch(request().withPrevious(first));

    assertThat(first.version()).isEmpty();
    next();
    assertThat(next().getHeaders().get("If-None-Match")).isNull();
  }

  @Test
  void valuesFromTheFallbackFileAreNeverRevalidatedWithA304() throws Exception {
    Path fallback = directory.resolve("doppler.json");
    doppler.server.enqueue(download("\"v1\"", CONFIG_JSON));
    doppler.server.enqueue(DopplerFixture.error(503, "Service Unavailable"));
    doppler.server.enqueue(download("\"v2\"", "{\"DATABASE_URL\":\"postgres://new\",\"JWT_SECRET\":\"" + SECRET + "\"}"));
    DopplerProvider provider = doppler.provider().project("api").config("prd").maxAttempts(1).fallbackFile(fallback).build();
    ProviderSnapshot downloaded = provider.fetch(request());
    FallbackWrites.awaitNewContents(fallback, null);

    ProviderSnapshot fromFile = provider.fetch(request().withPrevious(downloaded));
    ProviderSnapshot afterwards = provider.fetch(request().withPrevious(fromFile));

    assertThat(fromFile.note()).startsWith("Doppler was unavailable: Doppler answered 503");
    assertThat(fromFile.version()).isEmpty();
    next();
    assertThat(next().getHeaders().get("If-None-Match")).isEqualTo("\"v1\"");
    assertThat(next().getHeaders().get("If-None-Match")).isNull();
    assertThat(Snapshots.secrets(afterwards)).containsEntry("DATABASE_URL", "postgres://new");
    assertThat(afterwards.note()).isEmpty();
    assertNoLeak(fromFile, fromFile.note(), afterwards);
    // The download after the outage is written to the file again.
    FallbackWrites.awaitSecrets(fallback, TOKEN + ":api:prd", Snapshots.secrets(afterwards));
  }

  @Test
  void deletedFallbackFileIsWrittenAgainFromThePreviousSnapshotOnA304() throws Exception {
    Path fallback = directory.resolve("cache").resolve("doppler-api-prd.json");
    doppler.server.enqueue(download("\"v1\"", CONFIG_JSON));
    doppler.server.enqueue(notModified("\"v1\""));
    DopplerProvider provider = doppler.provider().project("api").config("prd").fallbackFile(fallback).build();
    ProviderSnapshot first = provider.fetch(request());
    FallbackWrites.awaitNewContents(fallback, null);
    Files.delete(fallback);

    ProviderSnapshot second = provider.fetch(request().withPrevious(first));

    assertThat(second).isSameAs(first);
    assertThat(SecretsJson.parseSecrets(
            FallbackFile.decrypt(TOKEN + ":api:prd", FallbackWrites.awaitNewContents(fallback, null))))
        .isEqualTo(SecretsJson.parseSecrets(CONFIG_JSON.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void idleLiveRefreshCostsOneConditionalRequest() throws Exception {
    doppler.server.enqueue(download(ETAG, CONFIG_JSON));
    doppler.server.enqueue(notModified(ETAG));
    List<EnvChange<Schema>> changes = new CopyOnWriteArrayList<>();

    try (LiveEnv<Schema> env = loader().watch(Schema.class)) {
      env.onChange(changes::add);
      boolean changed = env.refresh();

      assertThat(changed).isFalse();
      assertThat(env.get().jwtSecret().reveal()).isEqualTo(SECRET);
      assertNoLeak(env, env.get(), env.resolution().report());
    }
    assertThat(doppler.server.getRequestCount()).isEqualTo(2);
    assertThat(next().getHeaders().get("If-None-Match")).isNull();
    assertThat(next().getHeaders().get("If-None-Match")).isEqualTo(ETAG);
    assertThat(changes).isEmpty();
  }

  @Test
  void liveRefreshPicksUpAChangedSecret() throws Exception {
    String rotated = "secretcanary-rotated-never-print";
    doppler.server.enqueue(download("\"v1\"", CONFIG_JSON));
    doppler.server.enqueue(download("\"v2\"", "{\"DATABASE_URL\":\"postgres://db:5432/app\",\"JWT_SECRET\":\"" + rotated + "\"}"));
    List<EnvChange<Schema>> changes = new CopyOnWriteArrayList<>();

    try (LiveEnv<Schema> env = loader().watch(Schema.class)) {
      env.onChange(changes::add);
      boolean changed = env.refresh();

      assertThat(changed).isTrue();
      assertThat(env.get().jwtSecret().reveal()).isEqualTo(rotated);
      assertThat(changes).singleElement().satisfies(change -> {
        assertThat(change.variables()).containsExactly("JWT_SECRET");
        assertThat(change.toString()).doesNotContain(rotated);
        assertNoLeak(change);
      });
    }
    next();
    assertThat(next().getHeaders().get("If-None-Match")).isEqualTo("\"v1\"");
    assertThat(doppler.server.getRequestCount()).isEqualTo(2);
  }

  private EnvLoader loader() {
    // An hour between scheduled refreshes: only the test's own refresh() fetches.
    return Env.builder().hermetic().profile(Profile.PRODUCTION)
        .provider(doppler.provider().project("api").config("prd").build())
        .refreshInterval(Duration.ofHours(1))
        .build();
  }
}
