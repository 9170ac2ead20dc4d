package dev.envelope.doppler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envelope.spi.EnvProvider;
import dev.envelope.spi.EnvProviderFactory;
import java.net.URI;
import java.nio.file.Path;
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

    assertThat(provider).hasToString("DopplerProvider[doppler api/prd, fallback " + Path.of("/var/cache/app/doppler.json") + "]");
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
        .hasMessage("Malformed Doppler provider URI 'doppler:api': expected PROJECT/CONFIG after 'doppler:';"
            + " expected doppler:, doppler:PROJECT/CONFIG, optionally with ?fallback=PATH");
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
        .hasMessageContaining("unknown parameter 'token' (known: fallback)");
  }

  @Test
  void otherSchemeIsRefused() {
    assertThatThrownBy(() -> create("vault:api/prd"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the scheme is not doppler");
  }
}
