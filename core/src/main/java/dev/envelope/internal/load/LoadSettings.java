package dev.envelope.internal.load;

import dev.envelope.Converter;
import dev.envelope.DotEnvSyntax;
import dev.envelope.Profile;
import dev.envelope.spi.EnvProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an {@code EnvLoader} was built with, as the stages of a load read it; never a value of a
 * source. Immutable: the builder copies its collections before building one.
 *
 * @param profile the profile the builder set, or null to choose it from {@code APP_ENV}
 * @param values the builder's explicit values
 * @param valueOrigins the origin of each explicit value that has its own
 * @param valuesName how explicit values are named in origins
 * @param environment the environment the builder gave, or null for the process environment
 * @param directory the directory of the {@code .env} files, or null for the default
 * @param noDotEnvFiles whether no {@code .env} file is read
 * @param dotEnvSyntax the builder's {@code .env} syntax, or null for {@code ENVELOPE_DOTENV_SYNTAX}
 * @param hermetic whether only what the builder gave is read
 * @param converters the builder's converters by type
 * @param providers the builder's providers, in precedence order
 * @param strict whether warnings are problems
 * @param allowSecretsFromFiles whether a {@code Secret} may come from a {@code .env} file in production
 * @param discoverProviders whether {@code ENVELOPE_PROVIDERS} is read
 * @param providerTimeout how long a load waits for its providers
 * @param profiles the profiles the loader knows and which are production-like
 * @param refreshInterval how often a live configuration re-resolves
 */
public record LoadSettings(
    Profile profile,
    Map<String, String> values,
    Map<String, String> valueOrigins,
    String valuesName,
    Map<String, String> environment,
    Path directory,
    boolean noDotEnvFiles,
    DotEnvSyntax dotEnvSyntax,
    boolean hermetic,
    Map<Class<?>, Converter<?>> converters,
    List<ProviderRegistration> providers,
    boolean strict,
    boolean allowSecretsFromFiles,
    boolean discoverProviders,
    Duration providerTimeout,
    ProfileRules profiles,
    Duration refreshInterval) {

  /** Names what shapes a load, never a value: the builder's values may be secrets. */
  @Override
  public String toString() {
    return "LoadSettings[profile=" + (profile == null ? "from APP_ENV" : profile.name()) + ", values=" + values.size()
        + ", providers=" + providers.size() + (strict ? ", strict" : "") + (hermetic ? ", hermetic" : "") + "]";
  }

  /** A provider and the profiles it is used in: all when {@code profiles} is empty. */
  public record ProviderRegistration(EnvProvider provider, Set<Profile> profiles) {
    /** Returns whether the provider is used in {@code profile}. */
    public boolean activeIn(Profile profile) {
      return profiles.isEmpty() || profiles.contains(profile);
    }
  }
}
