package dev.envelope.doppler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envelope.spi.EnvProvider;
import dev.envelope.spi.EnvProviderFactory;
import dev.envelope.spi.FetchLimits;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class DopplerProviderFactoryTest {
  private final DopplerProviderFactory factory = new DopplerProviderFactory();

  private EnvProvider create(String uri) {
    List<EnvProvider> providers = factory.create(List.of(URI.create(uri)));
    assertThat(providers).hasSize(1);
    return providers.get(0);
  }

  @Test
  void serviceLoaderFindsTheFactoryForTheDopplerScheme() {
    assertThat(ServiceLoader.load(EnvProviderFactory.class))
        .anySatisfy(found -> {
          assertThat(found).isInstanceOf(DopplerProviderFactory.class);
          assertThat(found.scheme()).isEqualTo("doppler");
        });
  }

  @Test
  void bareUriReadsEverythingFromTheSettings() {
    assertThat(create("doppler:/").name()).isEqualTo("doppler");
  }

  @Test
  void projectAndConfigComeFromTheUri() {
    EnvProvider provider = create("doppler:api/prd");

    assertThat(provider.name()).isEqualTo("doppler api/prd");
  }

  @Test
  void fallbackFileComesFromTheQuery() {
    EnvProvider provider = create("doppler:api/prd?fallback=/var/cache/app/doppler.json");

    assertThat(provider).hasToString("DopplerProvider[doppler api/prd, fallback " + Path.of("/var/cache/app/doppler.json")
        + ", " + FetchLimits.DEFAULT + "]");
  }

  @Test
  void providersKeepTheOrderOfTheUris() {
    List<EnvProvider> providers =
        factory.create(List.of(URI.create("doppler:api/prd"), URI.create("doppler:shared/prd")));

    assertThat(providers).extracting(EnvProvider::name).containsExactly("doppler api/prd", "doppler shared/prd");
  }

  @Test
  void projectWithoutConfigIsMalformed() {
    assertThatThrownBy(() -> create("doppler:api"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Malformed provider URI 'doppler:api': expected PROJECT/CONFIG after 'doppler:';"
            + " expected doppler: or doppler:PROJECT/CONFIG");
  }

  @Test
  void extraPathSegmentIsMalformed() {
    assertThatThrownBy(() -> create("doppler:api/prd/x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'doppler:api/prd/x': expected PROJECT/CONFIG");
  }

  @Test
  void unknownParameterIsMalformed() {
    assertThatThrownBy(() -> create("doppler:api/prd?token=dp.st.x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Malformed provider URI 'doppler:api/prd?token=dp.st.x': unknown option 'token' (known:"
            + " fallback, fallbackMaxAge, fallbackOnRateLimit, maxAttempts, attemptTimeout, timeout); expected doppler: or doppler:PROJECT/CONFIG");
  }

  @Test
  void fallbackOnRateLimitNeedsAFallbackFile() {
    assertThatThrownBy(() -> create("doppler:api/prd?fallbackOnRateLimit"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fallbackOnRateLimit needs a fallback file (?fallback or ?fallback=PATH)");
    assertThatThrownBy(() -> create("doppler:api/prd?fallback=/tmp/d.json&fallbackOnRateLimit=sometimes"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fallbackOnRateLimit=sometimes is neither true nor false");
    assertThat(create("doppler:api/prd?fallback=/tmp/d.json&fallbackOnRateLimit")).isNotNull();
  }

  @Test
  void otherSchemeIsRefused() {
    assertThatThrownBy(() -> create("vault:api/prd"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the scheme is not doppler");
  }

  @Test
  void leadingSlashNamesTheSameConfig() {
    assertThat(create("doppler:/api/prd").name()).isEqualTo("doppler api/prd");
  }

  @Test
  void limitsComeFromTheQuery() {
    EnvProvider provider = create("doppler:api/prd?maxAttempts=2&attemptTimeout=3s&timeout=8s");

    assertThat(provider).hasToString("DopplerProvider[doppler api/prd, "
        + FetchLimits.of(2, Duration.ofSeconds(3), Duration.ofSeconds(8)) + "]");
  }

  @Test
  void malformedLimitIsRefusedNamingTheUri() {
    assertThatThrownBy(() -> create("doppler:api/prd?maxAttempts=0"))
        .hasMessage("Malformed provider URI 'doppler:api/prd?maxAttempts=0': maxAttempts=0 is not a whole number"
            + " of at least 1; expected doppler: or doppler:PROJECT/CONFIG");
  }
}
