package dev.envelope.spring;

import dev.envelope.Profile;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.boot.context.config.ConfigDataResource;

/**
 * One {@code envelope:} import: the provider URIs it lists, the profile they are fetched for, and how
 * their settings ({@code DOPPLER_TOKEN}) are read from Spring's {@code Environment}.
 */
final class EnvelopeConfigDataResource extends ConfigDataResource {
  private final String location;
  private final String uris;
  private final Profile profile;
  private final boolean optional;
  private final Function<String, Optional<String>> settings;

  EnvelopeConfigDataResource(
      String location, String uris, Profile profile, boolean optional, Function<String, Optional<String>> settings) {
    super(optional);
    this.location = location;
    this.uris = uris;
    this.profile = profile;
    this.optional = optional;
    this.settings = settings;
  }

  /** Returns the import as written, without {@code optional:}: {@code envelope:doppler:api/prd}. */
  String location() {
    return location;
  }

  /** Returns whether the import was written {@code optional:envelope:...}. */
  boolean optional() {
    return optional;
  }

  String uris() {
    return uris;
  }

  Profile profile() {
    return profile;
  }

  Function<String, Optional<String>> settings() {
    return settings;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof EnvelopeConfigDataResource that && uris.equals(that.uris) && profile.equals(that.profile);
  }

  @Override
  public int hashCode() {
    return Objects.hash(uris, profile);
  }

  @Override
  public String toString() {
    return location;
  }
}
