package dev.envelope.spi;

import dev.envelope.Profile;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Tells a provider what a load needs: the active profile, the variables the schema declares, and
 * the provider's own settings (a token, a project, an endpoint).
 *
 * <p>Settings are read from the layers below the providers: explicit builder values, the process
 * environment and the profile's {@code .env} files, so {@code DOPPLER_TOKEN} can live in {@code
 * .env.local} on a developer's machine. Instances are immutable and thread-safe.
 */
public final class ProviderRequest {
  private final Profile profile;
  private final Set<String> declaredNames;
  private final Function<String, Optional<String>> settings;
  private final ProviderSnapshot previous;

  private ProviderRequest(Profile profile, Set<String> declaredNames,
      Function<String, Optional<String>> settings, ProviderSnapshot previous) {
    this.profile = Objects.requireNonNull(profile, "profile");
    this.declaredNames = Set.copyOf(declaredNames);
    this.settings = Objects.requireNonNull(settings, "settings");
    this.previous = previous;
  }

  /**
   * Returns a request for {@code profile} and {@code declaredNames}, whose settings are looked up in
   * {@code settings}. For tests of providers, and for using a provider outside {@code Env}.
   */
  public static ProviderRequest of(
      Profile profile, Set<String> declaredNames, Map<String, String> settings) {
    Map<String, String> copy = Map.copyOf(settings);
    return new ProviderRequest(profile, declaredNames, name -> Optional.ofNullable(copy.get(name)), null);
  }

  /** Returns a request whose settings are looked up by {@code settings}; used by Envelope itself. */
  public static ProviderRequest of(
      Profile profile, Set<String> declaredNames, Function<String, Optional<String>> settings) {
    return new ProviderRequest(profile, declaredNames, settings, null);
  }

  /**
   * Returns this request for a refresh, after the provider returned {@code previous}: a provider
   * that can tell cheaply that nothing changed (a {@code 304} for the previous ETag, the same version
   * ids) returns {@code previous} itself.
   */
  public ProviderRequest withPrevious(ProviderSnapshot previous) {
    return new ProviderRequest(profile, declaredNames, settings, Objects.requireNonNull(previous, "previous"));
  }

  /**
   * Returns what this provider returned the last time, when this fetch is a refresh of live
   * configuration ({@code EnvLoader.watch}); empty on a first load.
   */
  public Optional<ProviderSnapshot> previous() {
    return Optional.ofNullable(previous);
  }

  /** Returns the active profile. */
  public Profile profile() {
    return profile;
  }

  /** Returns the names of every variable the schema declares. */
  public Set<String> declaredNames() {
    return declaredNames;
  }

  /**
   * Returns the value of the setting {@code name} (for example {@code DOPPLER_TOKEN}), or empty if
   * it is not set or is empty.
   */
  public Optional<String> setting(String name) {
    return settings.apply(name).filter(value -> !value.isEmpty());
  }

  /** Returns the profile and the number of declared names; never a setting's value. */
  @Override
  public String toString() {
    return "ProviderRequest[profile=" + profile + ", declared=" + declaredNames.size() + "]";
  }
}
