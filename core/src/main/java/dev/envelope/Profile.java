package dev.envelope;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Names the environment the process runs in: {@code development}, {@code test}, {@code staging},
 * {@code production}, or a custom name.
 *
 * <p>The profile is taken from {@link Env.Builder#profile(String)}, else the {@code APP_ENV}
 * variable, else {@code development}. Names are case-insensitive; the aliases {@code dev}, {@code
 * prod} and {@code stage} (and {@code prd}, {@code stg}) stand for the standard names. A custom
 * name must be declared with {@link Env.Builder#profiles} or {@link Env.Builder#productionLike}
 * before a load accepts it, so that a typo such as {@code prodution} is an error rather than a new
 * profile. A schema component of type {@code Profile} receives the active profile. Instances are
 * immutable.
 */
public final class Profile {
  /** The local development profile, and the default. */
  public static final Profile DEVELOPMENT = new Profile("development", List.of("development", "dev"));
  /** The profile of automated tests; {@code .env.local} is not read in it. */
  public static final Profile TEST = new Profile("test", List.of("test"));
  /** The pre-production profile. */
  public static final Profile STAGING = new Profile("staging", List.of("staging", "stage", "stg"));
  /** The production profile, where secrets from files or defaults are refused. */
  public static final Profile PRODUCTION = new Profile("production", List.of("production", "prd", "prod"));

  private static final Map<String, Profile> KNOWN =
      Map.ofEntries(
          Map.entry("development", DEVELOPMENT),
          Map.entry("dev", DEVELOPMENT),
          Map.entry("test", TEST),
          Map.entry("staging", STAGING),
          Map.entry("stage", STAGING),
          Map.entry("stg", STAGING),
          Map.entry("production", PRODUCTION),
          Map.entry("prod", PRODUCTION),
          Map.entry("prd", PRODUCTION));

  private final String name;
  private final List<String> names;

  private Profile(String name, List<String> names) {
    this.name = name;
    this.names = names;
  }

  /**
   * Returns the profile named {@code name}, resolving aliases and case.
   *
   * @throws IllegalArgumentException if {@code name} is blank or holds characters other than letters,
   *     digits, {@code -} and {@code _} (it is used in file names such as {@code .env.NAME})
   */
  public static Profile of(String name) {
    Objects.requireNonNull(name, "name");
    String normalized = name.trim().toLowerCase(Locale.ROOT);
    Profile known = KNOWN.get(normalized);
    if (known != null) {
      return known;
    }
    if (normalized.isEmpty() || !normalized.matches("[a-z0-9][a-z0-9_-]*")) {
      throw new IllegalArgumentException(
          "'" + name + "' is not a valid profile name: use letters, digits, '-' and '_'");
    }
    return new Profile(normalized, List.of(normalized));
  }

  /**
   * Returns the names this profile is known by, the canonical one first: {@code [production, prod,
   * prd]}; a custom profile has only its own. {@code .env.{name}} files are read for each of them.
   */
  public List<String> names() {
    return names;
  }

  /** Returns whether this is one of the four standard profiles rather than a custom one. */
  public boolean isStandard() {
    return KNOWN.get(name) == this;
  }

  /** Returns the profile's canonical name, for example {@code production}. */
  public String name() {
    return name;
  }

  /** Returns whether this is the profile named {@code name} (aliases and case are resolved). */
  public boolean is(String name) {
    return equals(of(name));
  }

  /** Returns whether this is {@link #PRODUCTION}. */
  public boolean isProduction() {
    return this.equals(PRODUCTION);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Profile that && name.equals(that.name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  /** Returns the canonical name. */
  @Override
  public String toString() {
    return name;
  }
}
