package dev.envelope.internal.sources;

import dev.envelope.Problem;
import dev.envelope.spi.EnvProvider;
import dev.envelope.spi.EnvProviderFactory;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * Creates the providers a deployment lists in {@code ENVELOPE_PROVIDERS}, a comma-separated list of
 * URIs, through the {@link EnvProviderFactory} found for each scheme.
 */
public final class ProviderDiscovery {
  /** The variable that lists provider URIs. */
  public static final String VARIABLE = "ENVELOPE_PROVIDERS";

  /**
   * The providers created, in the order listed, and the problems met.
   *
   * @param providers the providers
   * @param problems unknown schemes, malformed URIs, factory failures
   */
  public record Result(List<EnvProvider> providers, List<Problem> problems) {}

  private ProviderDiscovery() {}

  /** Returns the providers for {@code list}, which came from {@code origin}. */
  public static Result fromList(String list, String origin, ClassLoader loader) {
    List<Problem> problems = new ArrayList<>();
    Map<String, List<URI>> byScheme = new LinkedHashMap<>();
    for (String item : list.split(",")) {
      String trimmed = item.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      try {
        // java.net.URI rejects a bare "doppler:", the natural way to say "Doppler, as its settings say".
        URI uri = new URI(trimmed.matches("[A-Za-z][A-Za-z0-9+.-]*:") ? trimmed + "/" : trimmed);
        if (uri.getScheme() == null) {
          problems.add(problem("'" + trimmed + "' has no scheme: write it as scheme:details, such as doppler:api/prd", origin));
          continue;
        }
        byScheme.computeIfAbsent(uri.getScheme(), scheme -> new ArrayList<>()).add(uri);
      } catch (URISyntaxException e) {
        problems.add(problem("'" + trimmed + "' is not a valid URI: " + e.getReason(), origin));
      }
    }
    if (byScheme.isEmpty()) {
      return new Result(List.of(), problems);
    }
    Map<String, EnvProviderFactory> factories = new LinkedHashMap<>();
    for (EnvProviderFactory factory : ServiceLoader.load(EnvProviderFactory.class, loader)) {
      factories.putIfAbsent(factory.scheme(), factory);
    }
    List<EnvProvider> providers = new ArrayList<>();
    for (Map.Entry<String, List<URI>> entry : byScheme.entrySet()) {
      EnvProviderFactory factory = factories.get(entry.getKey());
      if (factory == null) {
        String known = factories.isEmpty() ? "none (add a provider module such as envelope-doppler)" : String.join(", ", new TreeSet<>(factories.keySet()));
        problems.add(problem("no provider for scheme '" + entry.getKey() + "'; schemes on the class path: " + known, origin));
        continue;
      }
      try {
        providers.addAll(factory.create(entry.getValue()));
      } catch (RuntimeException e) {
        problems.add(problem(entry.getKey() + ": " + e.getMessage(), origin));
      }
    }
    return new Result(providers, problems);
  }

  private static Problem problem(String message, String origin) {
    return new Problem(VARIABLE, Problem.Kind.PROVIDER, message, origin);
  }
}
