package dev.envelope.spring;

import dev.envelope.EnvException;
import dev.envelope.Problem;
import dev.envelope.spi.EnvProvider;
import dev.envelope.spi.EnvProviders;
import dev.envelope.spi.ProviderException;
import dev.envelope.spi.ProviderRequest;
import dev.envelope.spi.ProviderSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.logging.Log;
import org.springframework.boot.context.config.ConfigData;
import org.springframework.boot.context.config.ConfigDataLoader;
import org.springframework.boot.context.config.ConfigDataLoaderContext;
import org.springframework.boot.context.config.ConfigDataResourceNotFoundException;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.PropertySource;

/**
 * Fetches the providers of an {@code envelope:} import and hands their values to Spring as one
 * {@link EnvelopePropertySource} each, the first listed taking precedence (between imports,
 * Spring's rule holds: a later import wins).
 *
 * <p>A provider that cannot be created or read stops the start with Envelope's problem table; under
 * {@code optional:} the import is skipped instead, with a warning that says why.
 */
final class EnvelopeConfigDataLoader implements ConfigDataLoader<EnvelopeConfigDataResource> {
  private final Log log;
  /**
   * Optional imports that failed. Spring asks again for a resource it did not find once profiles are
   * active; asking Doppler twice would double the wait on a store that is down.
   */
  private final Map<EnvelopeConfigDataResource, ConfigDataResourceNotFoundException> skipped = new ConcurrentHashMap<>();

  EnvelopeConfigDataLoader(DeferredLogFactory logs) {
    this.log = logs.getLog(EnvelopeConfigDataLoader.class);
  }

  @Override
  public ConfigData load(ConfigDataLoaderContext context, EnvelopeConfigDataResource resource) {
    ConfigDataResourceNotFoundException skippedBefore = skipped.get(resource);
    if (skippedBefore != null) {
      throw skippedBefore;
    }
    String origin = "spring.config.import=" + resource.location();
    List<Problem> problems = new ArrayList<>();
    List<PropertySource<?>> sources = new ArrayList<>();
    List<EnvProvider> providers = List.of();
    try {
      providers = EnvProviders.fromList(resource.uris(), classLoader());
    } catch (IllegalArgumentException e) {
      problems.add(new Problem(EnvProviders.VARIABLE, Problem.Kind.PROVIDER, e.getMessage(), origin));
    }
    // No schema here: every key the store holds is imported, so none is declared for the request.
    ProviderRequest request = ProviderRequest.of(resource.profile(), Set.of(), resource.settings());
    for (EnvProvider provider : providers) {
      try {
        ProviderSnapshot snapshot = provider.fetch(request);
        sources.add(new EnvelopePropertySource(provider.name(), snapshot));
      } catch (ProviderException e) {
        problems.add(new Problem(provider.name(), Problem.Kind.PROVIDER, e.getMessage(), origin));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        problems.add(new Problem(provider.name(), Problem.Kind.PROVIDER, "was interrupted", origin));
      } catch (Exception e) {
        String message = "failed: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        problems.add(new Problem(provider.name(), Problem.Kind.PROVIDER, message, origin));
      }
    }
    if (!problems.isEmpty()) {
      EnvException failure = new EnvException(resource.location(), resource.profile().name(), problems);
      if (resource.optional()) {
        log.warn("Skipping optional " + origin + ":\n" + failure.getMessage());
        ConfigDataResourceNotFoundException notFound = new ConfigDataResourceNotFoundException(resource, failure);
        skipped.put(resource, notFound);
        throw notFound;
      }
      throw failure;
    }
    // Spring ranks a config data's later sources higher; Envelope's first listed provider wins.
    java.util.Collections.reverse(sources);
    return new ConfigData(sources);
  }

  private static ClassLoader classLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : EnvelopeConfigDataLoader.class.getClassLoader();
  }
}
