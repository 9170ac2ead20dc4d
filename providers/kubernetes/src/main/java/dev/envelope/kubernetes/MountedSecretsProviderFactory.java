package dev.envelope.kubernetes;

import dev.envelope.spi.EnvProvider;
import dev.envelope.spi.EnvProviderFactory;
import dev.envelope.spi.FetchLimits;
import dev.envelope.spi.ProviderUri;
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
 * default {@code false}). The limit options of remote providers do not apply to local files and are
 * refused.
 */
public final class MountedSecretsProviderFactory implements EnvProviderFactory {
  private static final List<String> OPTIONS = List.of("prefix", "keys", "trim", "optional");

  /** Creates the factory; called by {@link java.util.ServiceLoader}. */
  public MountedSecretsProviderFactory() {}

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
      ProviderUri parsed = ProviderUri.parse(uri, scheme(), "k8s-mount:/path/to/directory", OPTIONS);
      if (parsed.target().isEmpty() || parsed.target().startsWith("//")) {
        throw parsed.malformed("no directory named");
      }
      for (String limit : FetchLimits.OPTIONS) {
        if (parsed.option(limit).isPresent()) {
          throw parsed.malformed(limit + " does not apply to mounted files, which are read locally");
        }
      }
      MountedSecretsProvider.Builder builder =
          MountedSecretsProvider.builder()
              .directory(Path.of(parsed.target()))
              .prefix(parsed.option("prefix").orElse(""))
              .keyMapping(keyMapping(parsed))
              .trimTrailingNewline(parsed.flag("trim", true));
      if (parsed.flag("optional", false)) {
        builder.optional();
      }
      providers.add(builder.build());
    }
    return providers;
  }

  /** Returns the mapping the {@code keys} option names, {@code env} by default. */
  static KeyMapping keyMapping(ProviderUri parsed) {
    try {
      return KeyMapping.named(parsed.option("keys").orElse("env"));
    } catch (IllegalArgumentException e) {
      throw parsed.malformed(e.getMessage());
    }
  }
}
