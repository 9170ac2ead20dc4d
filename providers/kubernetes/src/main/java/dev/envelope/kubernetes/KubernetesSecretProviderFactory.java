package dev.envelope.kubernetes;

import dev.envelope.spi.EnvProvider;
import dev.envelope.spi.EnvProviderFactory;
import dev.envelope.spi.FetchLimits;
import dev.envelope.spi.ProviderUri;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates {@link KubernetesSecretProvider}s from {@code k8s-secret} URIs, one per URI: {@code
 * k8s-secret:prod/app-secrets} or {@code k8s-secret:app-secrets} (the pod's own namespace).
 *
 * <p>Options: {@code prefix} (default none), {@code keys} ({@code env}, the default, or {@code
 * identity}), {@code trim} (remove one trailing newline, default {@code true}), and the {@linkplain
 * FetchLimits limits} {@code maxAttempts}, {@code attemptTimeout} and {@code timeout}.
 */
public final class KubernetesSecretProviderFactory implements EnvProviderFactory {
  private static final List<String> OPTIONS = List.of("prefix", "keys", "trim");
  private static final String EXPECTED = "k8s-secret:NAMESPACE/NAME or k8s-secret:NAME";

  /** Creates the factory; called by {@link java.util.ServiceLoader}. */
  public KubernetesSecretProviderFactory() {}

  /** Returns {@code k8s-secret}. */
  @Override
  public String scheme() {
    return "k8s-secret";
  }

  /**
   * Returns one provider per URI, in order.
   *
   * @throws IllegalArgumentException if a URI names no valid Secret or has an unknown or malformed
   *     option
   */
  @Override
  public List<EnvProvider> create(List<URI> uris) {
    List<EnvProvider> providers = new ArrayList<>(uris.size());
    for (URI uri : uris) {
      ProviderUri parsed = ProviderUri.parse(uri, scheme(), EXPECTED, OPTIONS);
      String[] parts = parsed.target().split("/", -1);
      if (parsed.target().isEmpty()) {
        throw parsed.malformed("no Secret named");
      }
      if (parts.length > 2) {
        throw parsed.malformed("more than one '/'");
      }
      KubernetesSecretProvider.Builder builder;
      try {
        builder = KubernetesSecretProvider.builder(parts[parts.length - 1]);
        if (parts.length == 2) {
          builder.namespace(parts[0]);
        }
      } catch (IllegalArgumentException e) {
        throw parsed.malformed(e.getMessage());
      }
      providers.add(
          builder
              .prefix(parsed.option("prefix").orElse(""))
              .keyMapping(MountedSecretsProviderFactory.keyMapping(parsed))
              .trimTrailingNewline(parsed.flag("trim", true))
              .limits(parsed.limits(FetchLimits.DEFAULT))
              .build());
    }
    return providers;
  }
}
