package dev.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envelope.spi.ProviderConfigSource;
import dev.envelope.spi.ProviderException;
import dev.envelope.spi.ProviderRequest;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProviderConfigSourceTest {
  private static final ProviderRequest REQUEST = ProviderRequest.of(Profile.PRODUCTION, Set.of(), Map.of());

  @Test
  void providerServesAPlainSmallRyeConfigAtItsOrdinal() throws ProviderException {
    ProviderConfigSource source = ProviderConfigSource.of(
        ProviderTest.serving("vault", Map.of("API_KEY", ProviderTest.CANARY, "REGION", "eu")), REQUEST, 270);
    SmallRyeConfig config = new SmallRyeConfigBuilder()
        .withSources(source, new MapBackedConfigSource("defaults", Map.of("REGION", "us", "OTHER", "x"), 100) {})
        .build();

    assertThat(config.getValue("API_KEY", String.class)).isEqualTo(ProviderTest.CANARY);
    assertThat(config.getValue("REGION", String.class)).isEqualTo("eu");
    assertThat(config.getValue("OTHER", String.class)).isEqualTo("x");
    assertThat(config.getConfigValue("REGION").getSourceName()).isEqualTo("vault");
    assertThat(source.toString()).isEqualTo("ProviderConfigSource[vault, ordinal 270, 2 entries]");
  }

  @Test
  void failingProviderFailsWithItsNameAndMessage() {
    assertThatThrownBy(() -> ProviderConfigSource.of(
            ProviderTest.failing("vault", new ProviderException("sealed")), REQUEST, 270))
        .isInstanceOf(ProviderException.class)
        .hasMessage("vault: sealed");
  }
}
