package dev.envelope;

import dev.envelope.internal.load.LoadSettings;
import dev.envelope.internal.load.ProfileRules;
import dev.envelope.spi.EnvProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Loads a typed, validated record from the environment: the entry point of Envelope.
 *
 * <p>{@code AppEnv env = Env.load(AppEnv.class);} reads every variable the record declares from, in
 * order of precedence: explicit {@linkplain Builder#values values}, the process environment (and
 * {@code VAR_FILE} files), secret {@linkplain Builder#provider providers}, the profile's {@code .env}
 * files, then {@link DefaultIn} and {@link Default}. It converts and validates every value and
 * returns a complete record, or throws one {@link EnvException} listing every problem.
 */
public final class Env {
  private Env() {}

  /**
   * Loads {@code schema} from the process environment and the {@code .env} files of the working
   * directory, for the profile named by {@code APP_ENV} (default {@code development}), with the
   * providers listed in {@code ENVELOPE_PROVIDERS}.
   *
   * @throws EnvException if any variable is missing or invalid, or the schema is not usable
   */
  public static <T extends Record> T load(Class<T> schema) {
    return builder().load(schema);
  }

  /** Returns a builder for a load with explicit settings. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Configures an {@link EnvLoader}. Not thread-safe; {@link #build()} the loader and share that.
   * {@link #load} and {@link #resolve} are shorthands for {@code build().load(...)} and {@code
   * build().resolve(...)}.
   */
  public static final class Builder {
    Profile profile;
    final Map<String, String> values = new LinkedHashMap<>();
    /** Origins of the values that came with one; the others show as {@code builder values}. */
    final Map<String, String> valueOrigins = new LinkedHashMap<>();
    String valuesName = "builder values";
    Map<String, String> environment;
    Path directory;
    boolean noDotEnvFiles;
    DotEnvSyntax dotEnvSyntax;
    boolean hermetic;
    final Map<Class<?>, Converter<?>> converters = new LinkedHashMap<>();
    final List<LoadSettings.ProviderRegistration> providers = new ArrayList<>();
    boolean strict;
    boolean allowSecretsFromFiles;
    boolean discoverProviders = true;
    Duration providerTimeout = Duration.ofSeconds(30);
    Duration refreshInterval = Duration.ofMinutes(1);
    final List<String> customProfiles = new ArrayList<>();
    final List<String> productionLikeProfiles = new ArrayList<>();

    Builder() {}

    /**
     * Sets the profile, replacing {@code APP_ENV}. Aliases such as {@code prod} are accepted; a
     * custom name set in code counts as declared.
     *
     * @throws IllegalArgumentException if the name is not a valid profile name
     */
    public Builder profile(String profile) {
      this.profile = Profile.of(profile);
      return this;
    }

    /**
     * Declares custom profiles that {@code APP_ENV}, {@link RequiredIn} and {@link DefaultIn} may
     * name besides the standard four: names such as {@code release}, or patterns such as {@code
     * preview-*} ({@code *} stands for any run of name characters) for per-branch environments.
     * They follow development's rules: a {@link Secret} may come from a {@code .env} file. An
     * undeclared name is a problem, with a suggestion ({@code prodution}: did you mean production?).
     *
     * @throws IllegalArgumentException if a name is not a valid profile name or pattern
     */
    public Builder profiles(String... namesOrPatterns) {
      for (String name : namesOrPatterns) {
        customProfiles.add(ProfileRules.pattern(name));
      }
      return this;
    }

    /**
     * Declares custom profiles, as {@link #profiles} does, that follow production's rules: a {@link
     * Secret} may not come from a {@code .env} file (unless {@link
     * #allowSecretsFromFilesInProduction}). {@link RequiredIn} names profiles literally: {@code
     * @RequiredIn("production")} does not apply to them.
     *
     * @throws IllegalArgumentException if a name is not a valid profile name or pattern
     */
    public Builder productionLike(String... namesOrPatterns) {
      for (String name : namesOrPatterns) {
        productionLikeProfiles.add(ProfileRules.pattern(name));
      }
      return this;
    }

    /**
     * Sets the profile, replacing {@code APP_ENV}. A profile set in code counts as declared.
     */
    public Builder profile(Profile profile) {
      this.profile = Objects.requireNonNull(profile, "profile");
      return this;
    }

    /**
     * Adds explicit values, which take precedence over every other source. Meant for tests and
     * command-line overrides. Later calls add to (and overwrite) earlier ones.
     */
    public Builder values(Map<String, String> values) {
      values.forEach(this::value);
      return this;
    }

    /** Adds one explicit value; see {@link #values(Map)}. */
    public Builder value(String name, String value) {
      this.values.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      this.valueOrigins.remove(name);
      return this;
    }

    /**
     * Adds one explicit value that came from somewhere people should see in reports and problems,
     * such as {@code command-line argument --app.url} when a framework hands over its own settings;
     * otherwise as {@link #value(String, String)}.
     */
    public Builder value(String name, String value, String origin) {
      value(name, value);
      this.valueOrigins.put(name, Objects.requireNonNull(origin, "origin"));
      return this;
    }

    /**
     * Names the explicit values where a problem lists the places a variable was looked for; default
     * {@code builder values}. For a framework that hands over its own settings, such as Spring Boot's
     * command-line arguments and test properties.
     */
    public Builder valuesName(String name) {
      this.valuesName = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * Replaces the process environment with {@code environment}: the real environment is not read at
     * all. For tests, and for loading another process's environment.
     */
    public Builder environment(Map<String, String> environment) {
      this.environment = Map.copyOf(environment);
      return this;
    }

    /** Reads the {@code .env} files from {@code directory} instead of the working directory. */
    public Builder directory(Path directory) {
      this.directory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /** Reads no {@code .env} files, whatever {@link #directory} says. */
    public Builder noDotEnvFiles() {
      this.noDotEnvFiles = true;
      return this;
    }

    /**
     * Reads the {@code .env} files with {@code syntax}, replacing {@code ENVELOPE_DOTENV_SYNTAX};
     * without either, {@link DotEnvSyntax#DOTENV}.
     */
    public Builder dotEnvSyntax(DotEnvSyntax syntax) {
      this.dotEnvSyntax = Objects.requireNonNull(syntax, "syntax");
      return this;
    }

    /**
     * Reads nothing that the builder is not given: no process environment unless {@link
     * #environment} is given, and no {@code .env} files unless {@link #directory} is given, in
     * whatever order they are called. The mode of unit tests. Providers come only from the builder, or
     * from an {@code ENVELOPE_PROVIDERS} in the values or environment the builder is given.
     */
    public Builder hermetic() {
      this.hermetic = true;
      return this;
    }

    /** Registers a converter for a custom type, taking precedence over discovered ones. */
    public <T> Builder converter(Class<T> type, Converter<? extends T> converter) {
      converters.put(Objects.requireNonNull(type, "type"), Objects.requireNonNull(converter, "converter"));
      return this;
    }

    /**
     * Adds a provider for every profile. Providers take precedence over {@code .env} files and below
     * the process environment; among themselves, the first added wins.
     */
    public Builder provider(EnvProvider provider) {
      providers.add(new LoadSettings.ProviderRegistration(Objects.requireNonNull(provider, "provider"), Set.of()));
      return this;
    }

    /**
     * Adds a provider used only in the given profiles, for example Doppler in {@code staging} and
     * {@code production} while developers use {@code .env} files.
     */
    public Builder provider(EnvProvider provider, String... profiles) {
      Set<Profile> only = new java.util.LinkedHashSet<>();
      for (String name : profiles) {
        only.add(Profile.of(name));
      }
      providers.add(new LoadSettings.ProviderRegistration(Objects.requireNonNull(provider, "provider"), Set.copyOf(only)));
      return this;
    }

    /**
     * Ignores {@code ENVELOPE_PROVIDERS}: only providers added in code are used.
     */
    public Builder noDiscoveredProviders() {
      this.discoverProviders = false;
      return this;
    }

    /**
     * Sets how long the load waits for all providers together before reporting the slow ones as
     * failed; default 30 seconds.
     */
    public Builder providerTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("providerTimeout must be positive: " + timeout);
      }
      this.providerTimeout = timeout;
      return this;
    }

    /**
     * Sets how often a {@link LiveEnv} re-resolves its sources (each period jittered by up to 10%, so
     * that replicas do not poll in step); default one minute.
     *
     * @throws IllegalArgumentException if {@code interval} is shorter than one second
     */
    public Builder refreshInterval(Duration interval) {
      if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException("refreshInterval must be at least 1 s: " + interval);
      }
      this.refreshInterval = interval;
      return this;
    }

    /**
     * Makes unknown keys in sources the application owns ({@code .env} files, providers) problems
     * instead of warnings.
     */
    public Builder strict() {
      this.strict = true;
      return this;
    }

    /**
     * Allows {@link Secret} variables to come from a {@code .env} file in {@code production}, which is
     * refused otherwise. (Secret defaults for production are refused by the schema itself.)
     */
    public Builder allowSecretsFromFilesInProduction() {
      this.allowSecretsFromFiles = true;
      return this;
    }

    /**
     * Returns an immutable, thread-safe loader with these settings; later changes to this builder do
     * not affect it.
     */
    public EnvLoader build() {
      return new EnvLoader(this);
    }

    /**
     * Loads {@code schema}: {@code build().load(schema)}.
     *
     * @throws EnvException if any variable is missing or invalid, a provider fails, or the schema is
     *     not usable; the exception lists every problem
     */
    public <T extends Record> T load(Class<T> schema) {
      return build().load(schema);
    }

    /**
     * Loads {@code schema} and returns it with a report: {@code build().resolve(schema)}.
     *
     * @throws EnvException as {@link #load} does
     */
    public <T extends Record> Resolution<T> resolve(Class<T> schema) {
      return build().resolve(schema);
    }
  }
}
