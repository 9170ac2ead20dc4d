package dev.envelope.doppler;

import dev.envelope.spi.EnvProvider;
import dev.envelope.spi.EnvProviderFactory;
import dev.envelope.spi.FetchLimits;
import dev.envelope.spi.ProviderUri;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
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
 *   <li>{@code doppler:api/prd?fallback=/var/cache/app/doppler.json} with a fallback file;
 *   <li>{@code doppler:api/prd?fallback&fallbackMaxAge=168h} with the Doppler CLI's own fallback file,
 *       used only if at most a week old.
 * </ul>
 *
 * <p>Options: {@code fallback} (a file path; bare, the CLI's default file under {@code
 * ~/.doppler/fallback/}), {@code fallbackMaxAge} (a duration such as {@code 24h}), {@code
 * fallbackOnRateLimit} (bare, or {@code true}/{@code false}: the fallback file also stands in when
 * Doppler rate-limits the token for longer than the fetch may wait), and the {@linkplain FetchLimits limits} {@code
 * maxAttempts}, {@code attemptTimeout} and {@code timeout}. The token and API host always come from
 * the settings. Listed in {@code META-INF/services/dev.envelope.spi.EnvProviderFactory}.
 */
public final class DopplerProviderFactory implements EnvProviderFactory {
  private static final List<String> OPTIONS = List.of("fallback", "fallbackMaxAge", "fallbackOnRateLimit");
  private static final String EXPECTED = "doppler: or doppler:PROJECT/CONFIG";

  /** Creates the factory; called by {@link java.util.ServiceLoader}. */
  public DopplerProviderFactory() {}

  @Override
  public String scheme() {
    return "doppler";
  }

  /**
   * Returns one provider per URI.
   *
   * @throws IllegalArgumentException if a URI is not {@code doppler:} or {@code
   *     doppler:PROJECT/CONFIG}, or has an unknown or malformed option
   */
  @Override
  public List<EnvProvider> create(List<URI> uris) {
    List<EnvProvider> providers = new ArrayList<>(uris.size());
    for (URI uri : uris) {
      providers.add(create(ProviderUri.parse(uri, scheme(), EXPECTED, OPTIONS)));
    }
    return providers;
  }

  private static EnvProvider create(ProviderUri uri) {
    // doppler:/api/prd and doppler:api/prd name the same config.
    String target = uri.target().startsWith("/") ? uri.target().substring(1) : uri.target();
    DopplerProvider.Builder builder = DopplerProvider.builder().limits(uri.limits(FetchLimits.DEFAULT));
    if (!target.isEmpty()) {
      String[] parts = target.split("/", -1);
      if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
        throw uri.malformed("expected PROJECT/CONFIG after 'doppler:'");
      }
      builder.project(parts[0]).config(parts[1]);
    }
    String fallback = uri.option("fallback").orElse(null);
    if (fallback != null && fallback.isBlank()) {
      builder.cliFallbackFile();
    } else if (fallback != null) {
      builder.fallbackFile(Path.of(fallback));
    }
    Duration maxAge = uri.duration("fallbackMaxAge").orElse(null);
    if (maxAge != null) {
      if (fallback == null) {
        throw uri.malformed("fallbackMaxAge needs a fallback file (?fallback or ?fallback=PATH)");
      }
      builder.fallbackMaxAge(maxAge);
    }
    if (uri.flag("fallbackOnRateLimit", false)) {
      if (fallback == null) {
        throw uri.malformed("fallbackOnRateLimit needs a fallback file (?fallback or ?fallback=PATH)");
      }
      builder.fallbackOnRateLimit();
    }
    return builder.build();
  }
}
