package dev.envelope.doppler;

import dev.envelope.spi.EnvProvider;
import dev.envelope.spi.EnvProviderFactory;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates {@link DopplerProvider}s from URIs of the {@code doppler} scheme, so that a deployment can
 * name them in {@code ENVELOPE_PROVIDERS}:
 *
 * <ul>
 *   <li>{@code doppler:} (as a {@link URI}, {@code doppler:/}) the config the token is scoped to (a
 *       service token), or the one named by {@code DOPPLER_PROJECT} and {@code DOPPLER_CONFIG};
 *   <li>{@code doppler:api/prd} project {@code api}, config {@code prd};
 *   <li>{@code doppler:api/prd?fallback=/var/cache/app/doppler.json} with a fallback file.
 * </ul>
 *
 * The token and API host always come from the settings. Listed in {@code
 * META-INF/services/dev.envelope.spi.EnvProviderFactory}.
 */
public final class DopplerProviderFactory implements EnvProviderFactory {
  /** Creates the factory; called by {@link java.util.ServiceLoader}. */
  public DopplerProviderFactory() {}

  @Override
  public String scheme() {
    return "doppler";
  }

  /**
   * Returns one provider per URI.
   *
   * @throws IllegalArgumentException if a URI is not {@code doppler:}, {@code
   *     doppler:PROJECT/CONFIG} or one of those with {@code ?fallback=PATH}
   */
  @Override
  public List<EnvProvider> create(List<URI> uris) {
    List<EnvProvider> providers = new ArrayList<>(uris.size());
    for (URI uri : uris) {
      providers.add(create(uri));
    }
    return providers;
  }

  private static EnvProvider create(URI uri) {
    if (!"doppler".equalsIgnoreCase(uri.getScheme())) {
      throw malformed(uri, "the scheme is not doppler");
    }
    // doppler:api/prd is an opaque URI: java.net.URI parses neither its path nor its query.
    String rest = uri.getRawSchemeSpecificPart() == null ? "" : uri.getRawSchemeSpecificPart();
    String query = null;
    int question = rest.indexOf('?');
    if (question >= 0) {
      query = rest.substring(question + 1);
      rest = rest.substring(0, question);
    }
    // java.net.URI cannot hold a bare "doppler:", so "doppler:/" stands for it too.
    if (rest.startsWith("/") && !rest.startsWith("//")) {
      rest = rest.substring(1);
    }
    if (uri.getRawFragment() != null) {
      throw malformed(uri, "a fragment is not allowed");
    }
    DopplerProvider.Builder builder = DopplerProvider.builder();
    if (!rest.isEmpty()) {
      String[] parts = rest.split("/", -1);
      if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
        throw malformed(uri, "expected PROJECT/CONFIG after 'doppler:'");
      }
      builder.project(decode(parts[0])).config(decode(parts[1]));
    }
    if (query != null && !query.isEmpty()) {
      for (String parameter : query.split("&")) {
        int equals = parameter.indexOf('=');
        String name = equals < 0 ? parameter : parameter.substring(0, equals);
        String value = equals < 0 ? "" : decode(parameter.substring(equals + 1));
        if (!name.equals("fallback")) {
          throw malformed(uri, "unknown parameter '" + name + "' (known: fallback)");
        }
        if (value.isBlank()) {
          throw malformed(uri, "fallback needs a file path");
        }
        builder.fallbackFile(Path.of(value));
      }
    }
    return builder.build();
  }

  private static String decode(String part) {
    return java.net.URLDecoder.decode(part.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static IllegalArgumentException malformed(URI uri, String why) {
    return new IllegalArgumentException(
        "Malformed Doppler provider URI '" + uri + "': " + why
            + "; expected doppler:, doppler:PROJECT/CONFIG, optionally with ?fallback=PATH");
  }
}
