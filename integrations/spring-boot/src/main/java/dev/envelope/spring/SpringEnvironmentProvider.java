package dev.envelope.spring;

import dev.envelope.spi.EnvProvider;
import dev.envelope.spi.ProviderRequest;
import dev.envelope.spi.ProviderSnapshot;
import java.util.Map;

/**
 * Offers the Spring property sources ranked below the process environment (config files, {@code
 * spring.config.import}, {@code @PropertySource}) to a load, as its first provider. Only declared
 * variables are offered: those files hold every other library's settings too.
 */
final class SpringEnvironmentProvider implements EnvProvider {
  static final String NAME = "Spring property sources";

  private final Map<String, SpringSources.Found> values;

  SpringEnvironmentProvider(Map<String, SpringSources.Found> values) {
    this.values = Map.copyOf(values);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ProviderSnapshot fetch(ProviderRequest request) {
    ProviderSnapshot.Builder snapshot = ProviderSnapshot.builder().shared();
    for (String name : request.declaredNames()) {
      SpringSources.Found found = values.get(name);
      if (found != null) {
        snapshot.put(name, found.value(), found.origin());
      }
    }
    return snapshot.build();
  }

  @Override
  public String toString() {
    return "SpringEnvironmentProvider[" + values.size() + " properties]";
  }
}
