package dev.envelope.spi;

import dev.envelope.Problem;
import dev.envelope.internal.sources.ProviderDiscovery;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Creates providers from a list of provider URIs, as {@code ENVELOPE_PROVIDERS} lists them, through
 * the {@link EnvProviderFactory} found for each scheme. For integrations that take provider URIs
 * from elsewhere, such as Spring Boot's {@code spring.config.import=envelope:doppler:api/prd}.
 */
public final class EnvProviders {
  /** The variable that lists provider URIs for a load. */
  public static final String VARIABLE = ProviderDiscovery.VARIABLE;

  private EnvProviders() {}

  /**
   * Returns the providers for {@code list}, a comma-separated list of URIs such as {@code
   * doppler:api/prd,k8s-mount:/var/run/secrets/app}, in the order listed. Factories are looked up
   * with {@link java.util.ServiceLoader} in {@code loader}.
   *
   * @throws IllegalArgumentException if a URI is malformed, has no factory on the class path, or its
   *     factory rejects it; the message lists every such problem
   */
  public static List<EnvProvider> fromList(String list, ClassLoader loader) {
    Objects.requireNonNull(list, "list");
    ProviderDiscovery.Result result = ProviderDiscovery.fromList(list, VARIABLE, loader);
    if (!result.problems().isEmpty()) {
      List<String> messages = new ArrayList<>();
      for (Problem problem : result.problems()) {
        messages.add(problem.message());
      }
      throw new IllegalArgumentException(String.join("; ", messages));
    }
    return result.providers();
  }
}
