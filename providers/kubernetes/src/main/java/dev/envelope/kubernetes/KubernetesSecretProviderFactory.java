package dev.envelope.kubernetes;

import dev.envelope.spi.EnvProvider;
import dev.envelope.spi.EnvProviderFactory;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates {@link KubernetesSecretProvider}s from {@code k8s-secret} URIs, one per URI: {@code
 * k8s-secret:prod/app-secrets} or {@code k8s-secret:app-secrets} (the pod's own namespace).
 *
 * <p>Options: {@code prefix} (default none), {@code keys} ({@code env}, the default, or {@code
 * identity}) and {@code trim} (remove one trailing newline, default {@code true}).
 */
public final class KubernetesSecretProviderFactory implements EnvProviderFactory {
  private static final List<String> OPTIONS = List.of("prefix", "keys", "trim");

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
      ProviderUri parsed = ProviderUri.parse(uri, "namespace/name", OPTIONS);
      String[] parts = parsed.target().split("/", -1);
      if (parts.length > 2) {
        throw new IllegalArgumentException(
            "'" + uri + "' has more than one '/'; expected k8s-secret:namespace/name or k8s-secret:name");
      }
      try {
        KubernetesSecretProvider.Builder builder =
            KubernetesSecretProvider.builder(parts[parts.length - 1])
                .prefix(parsed.option("prefix", ""))
                .keyMapping(parsed.keyMapping())
                .trimTrailingNewline(parsed.flag("trim", true));
        if (parts.length == 2) {
          builder.namespace(parts[0]);
        }
        providers.add(builder.build());
      } catch (IllegalArgumentException e) {
        if (e.getMessage().startsWith("'" + uri)) {
          throw e;
        }
        throw new IllegalArgumentException("'" + uri + "': " + e.getMessage(), e);
      }
    }
    return providers;
  }
}
