package dev.envelope.spring;

import dev.envelope.Profile;
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

  static Optional<String> choose(Environment environment) {
    for (String name : new String[] {PROPERTY, "APP_ENV", "app.env"}) {
      String value = environment.getProperty(name);
      if (value != null && !value.isBlank()) {
        return Optional.of(value);
      }
    }
    for (String active : environment.getActiveProfiles()) {
      if (isEnvelopeProfile(active)) {
        return Optional.of(active);
      }
    }
    return Optional.empty();
  }

  static boolean isEnvelopeProfile(String name) {
    try {
      return STANDARD.contains(Profile.of(name));
    } catch (IllegalArgumentException notAProfileName) {
      return false;
    }
  }
}
