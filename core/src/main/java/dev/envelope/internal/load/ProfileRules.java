package dev.envelope.internal.load;

import dev.envelope.Profile;
import dev.envelope.internal.schema.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Knows which profiles a loader accepts and which follow production's rules: the four standard ones
 * (with their aliases), and custom names or patterns ({@code preview-*}) declared on the builder.
 * Production's rules (no {@link Secret} from a {@code .env} file) apply to {@code production} and to
 * the custom profiles declared {@linkplain Env.Builder#productionLike production-like}. Immutable.
 */
public final class ProfileRules {
  private final List<String> declared;
  private final List<String> productionLike;

  public ProfileRules(List<String> declared, List<String> productionLike) {
    this.declared = List.copyOf(declared);
    this.productionLike = List.copyOf(productionLike);
  }

  /**
   * Checks a declared name or pattern: a profile name, or one with {@code *} standing for any run of
   * name characters.
   *
   * @throws IllegalArgumentException if it is neither
   */
  public static String pattern(String text) {
    String pattern = text.trim().toLowerCase(Locale.ROOT);
    Profile.of(pattern.replace('*', 'x'));
    return pattern;
  }

  boolean accepts(Profile profile) {
    return profile.isStandard() || matches(declared, profile.name()) || matches(productionLike, profile.name());
  }

  boolean isProductionLike(Profile profile) {
    return profile.isProduction() || matches(productionLike, profile.name());
  }

  /** Returns "did you mean production?" for the closest accepted name, if close enough to be a typo. */
  String suggestion(String name) {
    String normalized = name.trim().toLowerCase(Locale.ROOT);
    List<String> candidates = new ArrayList<>();
    for (Profile standard : List.of(Profile.DEVELOPMENT, Profile.TEST, Profile.STAGING, Profile.PRODUCTION)) {
      candidates.addAll(standard.names());
    }
    for (String pattern : declared) {
      if (pattern.indexOf('*') < 0) {
        candidates.add(pattern);
      }
    }
    for (String pattern : productionLike) {
      if (pattern.indexOf('*') < 0) {
        candidates.add(pattern);
      }
    }
    String best = Names.closest(normalized, candidates);
    return best == null ? "" : "did you mean " + Profile.of(best).name() + "?";
  }

  /** Returns how a profile that is not accepted can be declared, for hints. */
  String known() {
    List<String> names = new ArrayList<>(List.of("development", "test", "staging", "production"));
    names.addAll(declared);
    names.addAll(productionLike);
    return String.join(", ", names);
  }

  private static boolean matches(List<String> patterns, String name) {
    for (String pattern : patterns) {
      if (pattern.indexOf('*') < 0 ? pattern.equals(name) : glob(pattern, 0, name, 0)) {
        return true;
      }
    }
    return false;
  }

  private static boolean glob(String pattern, int p, String name, int n) {
    while (p < pattern.length()) {
      char c = pattern.charAt(p);
      if (c == '*') {
        for (int rest = n; rest <= name.length(); rest++) {
          if (glob(pattern, p + 1, name, rest)) {
            return true;
          }
        }
        return false;
      }
      if (n >= name.length() || name.charAt(n) != c) {
        return false;
      }
      p++;
      n++;
    }
    return n == name.length();
  }
}
