package dev.envelope.spring;

import dev.envelope.Profile;
import dev.envelope.spi.EnvProviders;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.boot.context.config.ConfigDataLocation;
import org.springframework.boot.context.config.ConfigDataLocationResolver;
import org.springframework.boot.context.config.ConfigDataLocationResolverContext;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;

/**
 * Resolves {@code spring.config.import=envelope:...}: {@code envelope:doppler:api/prd} (any provider
 * URI, or several separated by commas), or a bare {@code envelope:} for the providers {@code
 * ENVELOPE_PROVIDERS} lists. {@code optional:} is honoured by the loader.
 */
final class EnvelopeConfigDataLocationResolver implements ConfigDataLocationResolver<EnvelopeConfigDataResource> {
  static final String PREFIX = "envelope:";

  @Override
  public boolean isResolvable(ConfigDataLocationResolverContext context, ConfigDataLocation location) {
    return location.hasPrefix(PREFIX);
  }

  @Override
  public List<EnvelopeConfigDataResource> resolve(ConfigDataLocationResolverContext context, ConfigDataLocation location) {
    Binder binder = context.getBinder();
    Function<String, Optional<String>> settings = new BinderSettings(binder);
    String uris = location.getNonPrefixedValue(PREFIX).trim();
    if (uris.isEmpty()) {
      // None listed imports nothing, as a load with ENVELOPE_PROVIDERS unset reads no provider. The
      // resource is still returned: Spring fails a mandatory location that resolves to none.
      uris = settings.apply(EnvProviders.VARIABLE).orElse("");
    }
    Profile profile = profile(binder, location.getValue());
    return List.of(new EnvelopeConfigDataResource(location.getValue(), uris, profile, location.isOptional(), settings));
  }

  /** Returns the profile the providers are asked for, chosen as {@link SpringProfile} does. */
  private static Profile profile(Binder binder, String location) {
    for (String name : new String[] {SpringProfile.PROPERTY, "app.env"}) {
      Optional<String> value = Optional.ofNullable(binder.bind(name, String.class).orElse(null)).filter(text -> !text.isBlank());
      if (value.isPresent()) {
        return SpringProfile.parse(value.get(), name, location);
      }
    }
    for (String active : binder.bind("spring.profiles.active", String[].class).orElse(new String[0])) {
      if (SpringProfile.isEnvelopeProfile(active)) {
        return Profile.of(active);
      }
    }
    return Profile.DEVELOPMENT;
  }

  /**
   * Reads a provider's settings ({@code DOPPLER_TOKEN}) from Spring's sources with relaxed names:
   * the environment variable itself, or {@code doppler.token} in a file or on the command line.
   */
  private record BinderSettings(Binder binder) implements Function<String, Optional<String>> {
    @Override
    public Optional<String> apply(String variable) {
      String value = binder.bind(ConfigurationPropertyName.adapt(variable, '_'), Bindable.of(String.class)).orElse(null);
      return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    @Override
    public String toString() {
      return "BinderSettings";
    }
  }
}
