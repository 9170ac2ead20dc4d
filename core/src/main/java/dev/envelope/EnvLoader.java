package dev.envelope;

import dev.envelope.internal.load.LiveState;
import dev.envelope.internal.load.Loaded;
import dev.envelope.internal.load.LoadSettings;
import dev.envelope.internal.load.Loader;
import dev.envelope.internal.load.ProfileRules;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Loads typed, validated records with fixed settings: what {@link Env#builder()} builds.
 *
 * <p>An {@code EnvLoader} is immutable and thread-safe: build one at startup and share it with every
 * thread. Each {@link #load} or {@link #resolve} reads every source again (explicit values, the
 * process environment and {@code VAR_FILE}s, providers, {@code .env} files); what the loader keeps
 * between calls is only what cannot change while the process runs: the model of each schema class
 * and the converters found on the class path. The refreshes of a {@linkplain #watch live
 * configuration} also keep what they made of each {@code .env} file and {@code VAR_FILE}, and read
 * and parse a file again only when its modification time, size or identity changed. Providers are
 * fetched on threads the loader starts for the load and interrupts when the load's {@linkplain
 * Env.Builder#providerTimeout provider timeout} passes, so no provider thread outlives its load.
 */
public final class EnvLoader {
  final LoadSettings settings;

  EnvLoader(Env.Builder builder) {
    this.settings = new LoadSettings(
        builder.profile,
        java.util.Collections.unmodifiableMap(new LinkedHashMap<>(builder.values)),
        Map.copyOf(builder.valueOrigins),
        builder.valuesName,
        builder.environment,
        builder.directory,
        builder.noDotEnvFiles,
        builder.dotEnvSyntax,
        builder.hermetic,
        java.util.Collections.unmodifiableMap(new LinkedHashMap<>(builder.converters)),
        List.copyOf(builder.providers),
        builder.strict,
        builder.allowSecretsFromFiles,
        builder.discoverProviders,
        builder.providerTimeout,
        new ProfileRules(builder.customProfiles, builder.productionLikeProfiles),
        builder.refreshInterval);
  }

  /**
   * Loads {@code schema}.
   *
   * @throws EnvException if any variable is missing or invalid, a provider fails, or the schema is
   *     not usable; the exception lists every problem
   */
  public <T extends Record> T load(Class<T> schema) {
    Objects.requireNonNull(schema, "schema");
    return new Loader(settings, null).resolve(schema).value();
  }

  /**
   * Loads {@code schema} and returns it with a report of where every value came from.
   *
   * @throws EnvException as {@link #load} does
   */
  public <T extends Record> Resolution<T> resolve(Class<T> schema) {
    Objects.requireNonNull(schema, "schema");
    return resolution(new Loader(settings, null).resolve(schema));
  }

  /**
   * Loads {@code schema} and keeps it current: the returned {@link LiveEnv} re-resolves every
   * {@linkplain Env.Builder#refreshInterval refresh interval} (jittered), when a provider signals a
   * change, and on {@link LiveEnv#refresh()}, and swaps in a new record only if it is complete and
   * valid. The first load happens now, on this thread.
   *
   * @throws EnvException as {@link #load} does, for the first load
   */
  public <T extends Record> LiveEnv<T> watch(Class<T> schema) {
    Objects.requireNonNull(schema, "schema");
    return LiveEnv.start(this, schema);
  }

  <T extends Record> Resolution<T> resolve(Class<T> schema, LiveState live) {
    return resolution(new Loader(settings, live).resolve(schema));
  }

  private static <T extends Record> Resolution<T> resolution(Loaded<T> loaded) {
    Report report = new Report(loaded.schema(), loaded.profile(), loaded.variables(), loaded.warnings(), loaded.notes());
    return new Resolution<>(loaded.value(), report, loaded.texts());
  }

  /** Returns the settings that shape a load, never a value. */
  @Override
  public String toString() {
    return "EnvLoader[profile=" + (settings.profile() == null ? "from APP_ENV" : settings.profile().name())
        + ", values=" + settings.values().size() + ", providers=" + settings.providers().size()
        + (settings.strict() ? ", strict" : "") + (settings.hermetic() ? ", hermetic" : "") + "]";
  }
}
