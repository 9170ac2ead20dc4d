package dev.envelope.kubernetes;

import dev.envelope.spi.EnvProvider;
import dev.envelope.spi.EnvProviderFactory;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates {@link MountedSecretsProvider}s from {@code k8s-mount} URIs, one per URI: {@code
 * k8s-mount:/var/run/secrets/app}, {@code k8s-mount:/run/secrets?prefix=APP_&trim=false}.
 *
 * <p>Options: {@code prefix} (default none), {@code keys} ({@code env}, the default, maps {@code
 * db-password} to {@code DB_PASSWORD}; {@code identity} keeps file names), {@code trim} (remove one
 * trailing newline, default {@code true}) and {@code optional} (a missing directory yields nothing,
 * default {@code false}).
 */
public final class MountedSecretsProviderFactory implements EnvProviderFactory {
  private static final List<String> OPTIONS = List.of("prefix", "keys", "trim", "optional");

  /** Returns {@code k8s-mount}. */
  @Override
  public String scheme() {
    return "k8s-mount";
  }

  /**
   * Returns one provider per URI, in order.
   *
   * @throws IllegalArgumentException if a URI names no directory or has an unknown or malformed option
   */
  @Override
  public List<EnvProvider> create(List<URI> uris) {
    List<EnvProvider> providers = new ArrayList<>(uris.size());
    for (URI uri : uris) {
      ProviderUri parsed = ProviderUri.parse(uri, "/path/to/directory", OPTIONS);
      MountedSecretsProvider.Builder builder =
          MountedSecretsProvider.builder()
              .directory(Path.of(parsed.target()))
              .prefix(parsed.option("prefix", ""))
              .keyMapping(parsed.keyMapping())
              .trimTrailingNewline(parsed.flag("trim", true));
      if (parsed.flag("optional", false)) {
        builder.optional();
      }
      providers.add(builder.build());
    }
    return providers;
  }
}
