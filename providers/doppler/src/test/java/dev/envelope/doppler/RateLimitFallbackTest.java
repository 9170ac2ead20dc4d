package dev.envelope.doppler;

import static dev.envelope.doppler.DopplerFixture.assertNoLeak;
import static dev.envelope.doppler.DopplerFixture.config;
import static dev.envelope.doppler.DopplerFixture.error;
import static dev.envelope.doppler.DopplerFixture.everything;
import static dev.envelope.doppler.DopplerFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.envelope.spi.ProviderException;
import dev.envelope.spi.ProviderSnapshot;
import java.nio.file.Path;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code fallbackOnRateLimit}, a token rate-limited for longer than the fetch may wait loads
 * from the fallback file, as when Doppler is down; without it, such a load fails at once.
 */
class RateLimitFallbackTest {
  private final DopplerFixture doppler = new DopplerFixture();
  @TempDir Path directory;

  RateLimitFallbackTest() throws Exception {}

  @AfterEach
  void stopServer() {
    doppler.close();
  }

  private Path fallback() {
    return directory.resolve("doppler-api-prd.json");
  }

  /** Downloads once, so that the fallback file exists, as after an earlier start of the replica. */
  private void downloadOnce() throws Exception {
    doppler.server.enqueue(config());
    DopplerProvider first = doppler.provider().project("api").config("prd").fallbackFile(fallback()).build();
    first.fetch(request());
    FallbackWrites.awaitNewContents(fallback(), null);
  }

  private static MockResponse rateLimited(String retryAfter) {
    return new MockResponse.Builder(error(429, "Too many requests")).addHeader("Retry-After", retryAfter).build();
  }

  @Test
  void longRetryAfterLoadsTheFallbackFileWhenAllowed() throws Exception {
    downloadOnce();
    doppler.server.enqueue(rateLimited("60"));
    DopplerProvider provider =
        doppler.provider().project("api").config("prd").fallbackFile(fallback()).fallbackOnRateLimit().build();

    ProviderSnapshot snapshot = provider.fetch(request());

    assertThat(snapshot.entries()).anySatisfy(entry -> assertThat(entry.name()).isEqualTo("JWT_SECRET"));
    assertThat(snapshot.note())
        .startsWith("Doppler was unavailable: Doppler is rate-limiting the token dp.st.… (429): Too many requests;"
            + " it asked to wait 60 s")
        .contains("Loaded api/prd from the fallback file " + fallback());
    assertThat(doppler.sleeps).isEmpty();
    assertThat(doppler.server.getRequestCount()).isEqualTo(2);
    assertNoLeak(snapshot.note(), snapshot.entries(), snapshot, provider);
  }

  @Test
  void rateLimitOutlastingTheAttemptsLoadsTheFallbackFileWhenAllowed() throws Exception {
    downloadOnce();
    for (int i = 0; i < 2; i++) {
      doppler.server.enqueue(rateLimited("1"));
    }
    DopplerProvider provider = doppler.provider().project("api").config("prd").fallbackFile(fallback())
        .fallbackOnRateLimit().maxAttempts(2).build();

    ProviderSnapshot snapshot = provider.fetch(request());

    assertThat(snapshot.note()).startsWith("Doppler was unavailable: Doppler is rate-limiting the token dp.st.… (429):"
        + " Too many requests (2 attempts).");
    assertThat(doppler.server.getRequestCount()).isEqualTo(3);
    assertNoLeak(snapshot.note(), snapshot.entries(), snapshot, provider);
  }

  @Test
  void longRetryAfterFailsAtOnceByDefaultEvenWithAFallbackFile() throws Exception {
    downloadOnce();
    doppler.server.enqueue(rateLimited("60"));
    DopplerProvider provider = doppler.provider().project("api").config("prd").fallbackFile(fallback()).build();

    ProviderException thrown = catchThrowableOfType(ProviderException.class, () -> provider.fetch(request()));

    assertThat(thrown).hasMessageStartingWith("Doppler is rate-limiting the token dp.st.… (429): Too many requests;"
        + " it asked to wait 60 s");
    assertNoLeak(everything(thrown));
  }

  @Test
  void fallbackOnRateLimitWithoutAFallbackFileIsRefused() {
    assertThatThrownBy(() -> doppler.provider().fallbackOnRateLimit().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("fallbackOnRateLimit needs a fallback file (fallbackFile or cliFallbackFile)");
  }
}
