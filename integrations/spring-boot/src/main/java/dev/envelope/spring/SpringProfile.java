package dev.envelope.spring;

import dev.envelope.EnvException;
import dev.envelope.Problem;
import dev.envelope.Profile;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.env.Environment;

/**
 * Chooses the Envelope profile of a Spring application: {@code envelope.profile}, else {@code
 * APP_ENV} wherever Spring finds it, else the first active Spring profile that is an Envelope
 * profile or alias ({@code prod}, {@code dev}, ...); empty leaves the choice to Envelope ({@code
 * APP_ENV} in {@code .env}, else {@code development}).
 */
final class SpringProfile {
  static final String PROPERTY = "envelope.profile";
  private static final Set<Profile> STANDARD = Set.of(Profile.DEVELOPMENT, Profile.TEST, Profile.STAGING, Profile.PRODUCTION);

  private SpringProfile() {}

  /**
   * Returns the profile chosen for loading {@code schema}, if Spring's settings choose one.
   *
   * @throws EnvException if {@code envelope.profile} or {@code APP_ENV} is not a valid profile name
   */
  static Optional<Profile> choose(Environment environment, String schema) {
    for (String name : new String[] {PROPERTY, "APP_ENV", "app.env"}) {
      String value = environment.getProperty(name);
      if (value != null && !value.isBlank()) {
        return Optional.of(parse(value, name, schema));
      }
    }
    for (String active : environment.getActiveProfiles()) {
      if (isEnvelopeProfile(active)) {
        return Optional.of(Profile.of(active));
      }
    }
    return Optional.empty();
  }

  /** Returns the profile {@code value} names, or throws a problem naming the setting it came from. */
  static Profile parse(String value, String setting, String schema) {
    try {
      return Profile.of(value);
    } catch (IllegalArgumentException e) {
      Problem problem = new Problem(setting, Problem.Kind.INVALID, e.getMessage(), "Spring Environment");
      throw new EnvException(schema, "unknown", List.of(problem));
    }
  }

  static boolean isEnvelopeProfile(String name) {
    try {
      return STANDARD.contains(Profile.of(name));
    } catch (IllegalArgumentException notAProfileName) {
      return false;
    }
  }
}
