package dev.envelope.internal.load;

import dev.envelope.EnvException;
import dev.envelope.Problem;
import dev.envelope.Profile;
import dev.envelope.internal.bind.Binder;
import dev.envelope.internal.dotenv.DotEnvFiles;
import dev.envelope.internal.report.Redactor;
import dev.envelope.internal.schema.Schema;
import dev.envelope.internal.sources.EntrySource;
import dev.envelope.internal.sources.FileCache;
import dev.envelope.internal.sources.Layers;
import dev.envelope.internal.sources.ProviderDiscovery;
import dev.envelope.internal.sources.ProviderFetcher;
import dev.envelope.internal.sources.ProviderSettings;
import dev.envelope.internal.sources.UnknownKeys;
import dev.envelope.internal.sources.VarFiles;
import dev.envelope.internal.startup.Startup;
import dev.envelope.spi.EnvProvider;
import dev.envelope.spi.ProviderRequest;
import dev.envelope.spi.ProviderSnapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs one load as a row of stages: schema, profile, sources (explicit values, environment and
 * {@code VAR_FILE}s, providers, {@code .env} files), bind, validate, outcome. What runs early or on
 * another thread for start-up speed is {@link Startup}'s business, not the stages'. One per load.
 */
public final class Loader {
  private static final int LOGGED_WARNINGS = 20;

  private final LoadSettings settings;
  private final Map<String, String> environment;
  private final Path directory;
  private final DotEnvFiles files;
  private final ProviderSettings providerSettings;
  /** Problems with a source as a whole (a file, a provider, the profile): they explain the rest, so come first. */
  private final List<Problem> sourceProblems = new ArrayList<>();
  /** Problems of single variables. */
  private final List<Problem> problems = new ArrayList<>();
  /** Each provider's snapshot of this load, for where it looked for what it did not supply. */
  private final Map<EnvProvider, ProviderSnapshot> snapshots = new HashMap<>();
  /** Sources that failed as a whole, for "looked in": none of their values count. */
  private final List<String> unread = new ArrayList<>();

  /** What a live configuration keeps between its loads; null for a one-off load. */
  private final LiveState live;
  private final ProfileChoice profiles;
  private final LookedIn lookedIn;
  /** The loader's files as last read, for a live configuration's loads; null for a one-off load, which reads all. */
  private final FileCache fileCache;

  /** Prepares one load; {@code live} is given for a live configuration's loads only. */
  public Loader(LoadSettings settings, LiveState live) {
    this.settings = settings;
    this.live = live;
    this.fileCache = live == null ? null : live.files();
    this.environment =
        settings.environment() != null ? settings.environment() : settings.hermetic() ? Map.of() : System.getenv();
    Path directory = settings.directory() != null ? settings.directory() : settings.hermetic() ? null : Path.of("");
    this.directory = settings.noDotEnvFiles() ? null : directory;
    this.files = this.directory == null ? null
        : new DotEnvFiles(this.directory, ProfileChoice.syntax(settings, environment, sourceProblems), fileCache);
    this.providerSettings = new ProviderSettings(settings.values(), environment, fileCache);
    this.profiles = new ProfileChoice(settings, environment, files, sourceProblems);
    this.lookedIn = new LookedIn(settings.values(), settings.valuesName(), files, this.directory, unread, snapshots);
  }

  public <T extends Record> Loaded<T> resolve(Class<T> type) {
    String schemaName = type.getSimpleName();
    Startup startup = Startup.begin(type, settings.converters(), classLoader());

    ProfileChoice.Chosen chosen = profiles.choose();
    Profile profile = chosen.profile();
    List<EntrySource> fileSources = dotEnvFiles(profile);
    Schema schema = startup.schema();
    if (!startup.problems().isEmpty()) {
      List<Problem> all = new ArrayList<>(sourceProblems);
      all.addAll(startup.problems());
      throw new EnvException(schemaName, profile.name(), all);
    }
    problems.addAll(profiles.undeclared(schema));
    Set<String> declared = declaredNames(schema);

    List<EntrySource> sources = new ArrayList<>();
    if (!settings.values().isEmpty()) {
      sources.add(explicitLayer());
    }
    sources.add(environmentLayer(declared));
    List<String> notes = new ArrayList<>();
    List<EnvProvider> providers = providers(profile);
    sources.addAll(fetch(providers, profile, declared, notes));
    for (EntrySource file : fileSources) {
      sources.add(VarFiles.inDotEnv(file, declared, directory, problems, fileCache));
    }
    Layers layers = new Layers(sources);

    Redactor redactor = SecretValues.redactor(layers, schema, providerSettings);
    boolean secretsFromFiles = settings.allowSecretsFromFiles() || !settings.profiles().isProductionLike(profile);
    Binder binder = new Binder(schema, layers, profile, chosen.origin(), Set.copyOf(fileSources), secretsFromFiles,
        lookedIn.text(providers, fileSources, profile, Map.of()), lookedIn.perVariable(providers, fileSources, profile, declared),
        redactor);
    Object root = binder.bind();
    startup.constraints().validate(binder);
    problems.addAll(binder.problems());

    return outcome(type, schema, profile, layers, declared, root, binder, redactor, notes);
  }

  /** Returns the record and its report, or throws every problem at once, with the warnings. */
  private <T extends Record> Loaded<T> outcome(Class<T> type, Schema schema, Profile profile, Layers layers,
      Set<String> declared, Object root, Binder binder, Redactor redactor, List<String> notes) {
    String schemaName = type.getSimpleName();
    List<Problem> unknown = redactor.apply(unknownKeys(layers, schema, declared));
    // References to names set nowhere: warnings like unknown keys, errors in strict mode.
    List<Problem> unresolved = files == null ? List.of() : redactor.apply(files.warnings());
    List<Problem> warnings = new ArrayList<>(unknown);
    warnings.addAll(unresolved);
    if (settings.strict()) {
      problems.addAll(warnings);
      warnings.clear();
    }
    if (!sourceProblems.isEmpty() || !problems.isEmpty() || root == null) {
      List<Problem> all = new ArrayList<>(sourceProblems);
      all.addAll(ProblemOrder.ordered(ProblemOrder.hinted(lookedIn.withUnreadFiles(problems, profile), unknown), schema));
      throw new EnvException(schemaName, profile.name(), redactor.apply(all), warnings);
    }
    if (!warnings.isEmpty()) {
      warn(schemaName, warnings);
    }
    return new Loaded<>(type.cast(root), schemaName, profile, binder, warnings, notes);
  }

  // ---- sources ------------------------------------------------------------------------------

  /** Reads the profile's {@code .env} files; their values also serve as provider settings. */
  private List<EntrySource> dotEnvFiles(Profile profile) {
    if (files == null) {
      return List.of();
    }
    List<EntrySource> sources = files.sources(profile, EntrySource.DOT_ENV, providerSettings.environmentLookup());
    sourceProblems.addAll(files.problems());
    for (String failed : files.failed()) {
      unread.add(failed + " (failed, see above)");
    }
    providerSettings.useFiles(sources);
    profiles.checkSelectedFiles(sources, profile);
    return sources;
  }


  private EntrySource explicitLayer() {
    Map<String, EntrySource.Candidate> entries = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : settings.values().entrySet()) {
      String origin = settings.valueOrigins().getOrDefault(entry.getKey(), settings.valuesName());
      entries.put(entry.getKey(), new EntrySource.Candidate(entry.getValue(), origin, false));
    }
    return new EntrySource(settings.valuesName(), EntrySource.EXPLICIT, entries);
  }

  /**
   * Returns the environment as a layer, with {@code VAR} read from the file {@code VAR_FILE} names for
   * every declared variable (the Docker and Kubernetes convention for secrets).
   */
  private EntrySource environmentLayer(Set<String> declared) {
    Map<String, EntrySource.Candidate> entries = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : environment.entrySet()) {
      entries.put(entry.getKey(), new EntrySource.Candidate(entry.getValue(), "environment", false));
    }
    for (String name : declared) {
      VarFiles.FileValue fromFile = VarFiles.read(environment, name, problems, fileCache);
      if (fromFile != null) {
        entries.put(name, new EntrySource.Candidate(fromFile.value(), fromFile.origin(), false));
      }
    }
    return new EntrySource("environment", EntrySource.ENVIRONMENT, entries);
  }

  private List<EnvProvider> providers(Profile profile) {
    List<EnvProvider> providers = new ArrayList<>();
    for (LoadSettings.ProviderRegistration registration : settings.providers()) {
      if (registration.activeIn(profile)) {
        providers.add(registration.provider());
      }
    }
    if (settings.discoverProviders()) {
      Optional<String> list = providerSettings.apply(ProviderDiscovery.VARIABLE);
      if (list.isPresent()) {
        ProviderDiscovery.Result discovered =
            ProviderDiscovery.fromList(list.get(), ProviderDiscovery.VARIABLE, classLoader());
        providers.addAll(discovered.providers());
        sourceProblems.addAll(discovered.problems());
      }
    }
    return providers;
  }

  private List<EntrySource> fetch(List<EnvProvider> providers, Profile profile, Set<String> declared, List<String> notes) {
    if (providers.isEmpty()) {
      return List.of();
    }
    ProviderRequest request = ProviderRequest.of(profile, declared, providerSettings);
    List<ProviderRequest> requests = new ArrayList<>(providers.size());
    for (EnvProvider provider : providers) {
      ProviderSnapshot previous = live == null ? null : live.snapshot(provider);
      requests.add(previous == null ? request : request.withPrevious(previous));
    }
    List<EntrySource> sources = new ArrayList<>();
    int ordinal = EntrySource.PROVIDERS;
    List<ProviderFetcher.Result> results = ProviderFetcher.fetchAll(providers, requests, settings.providerTimeout());
    // A provider's failure may quote any of the settings it read, whatever their names, whole or in part.
    Redactor settingsRedactor = Redactor.ofCredentials(providerSettings.credentials());
    for (ProviderFetcher.Result result : results) {
      if (result.problem() != null) {
        sourceProblems.add(settingsRedactor.apply(result.problem()));
        unread.add(result.provider().name() + " (failed, see above)");
        continue;
      }
      ProviderSnapshot snapshot = result.snapshot();
      snapshots.put(result.provider(), snapshot);
      if (live != null) {
        live.remember(result.provider(), request, snapshot);
      }
      Map<String, EntrySource.Candidate> entries = new LinkedHashMap<>();
      for (ProviderSnapshot.Entry entry : snapshot.entries()) {
        entries.put(entry.name(), new EntrySource.Candidate(entry.value(), entry.origin(), entry.checked(), entry.secret()));
      }
      sources.add(new EntrySource(result.provider().name(), ordinal--, entries));
      if (!snapshot.note().isEmpty()) {
        notes.add(result.provider().name() + ": " + snapshot.note());
      }
    }
    sourceProblems.addAll(providerSettings.problems());
    return sources;
  }

  // ---- bind ---------------------------------------------------------------------------------

  private static Set<String> declaredNames(Schema schema) {
    Set<String> declared = new LinkedHashSet<>();
    for (Schema.Variable variable : schema.variables()) {
      declared.add(variable.name());
    }
    return declared;
  }

  // ---- outcome ------------------------------------------------------------------------------

  private List<Problem> unknownKeys(Layers layers, Schema schema, Set<String> declared) {
    Set<String> expected = new HashSet<>(providerSettings.read());
    expected.add(Schema.PROFILE_VARIABLE);
    expected.add(ProviderDiscovery.VARIABLE);
    for (String name : declared) {
      expected.add(name + VarFiles.SUFFIX);
    }
    return UnknownKeys.find(layers, schema.type().getSimpleName(), declared, expected);
  }

  /**
   * Logs the warnings as one record, listing the first {@value #LOGGED_WARNINGS}: a shared {@code
   * .env} file with thousands of other services' keys would otherwise log a line for each, at
   * every start. The report keeps them all.
   */
  private static void warn(String schemaName, List<Problem> warnings) {
    StringBuilder message =
        new StringBuilder("Envelope: ").append(warnings.size()).append(" warning(s) for ").append(schemaName);
    int listed = Math.min(warnings.size(), LOGGED_WARNINGS);
    for (int i = 0; i < listed; i++) {
      message.append("\n  ").append(warnings.get(i));
    }
    if (listed < warnings.size()) {
      message.append("\n  ... and ").append(warnings.size() - listed)
          .append(" more (Report.warnings() lists them all: EnvLoader.resolve(...).report())");
    }
    System.getLogger("dev.envelope").log(System.Logger.Level.WARNING, message.toString());
  }

  private static ClassLoader classLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : Loader.class.getClassLoader();
  }
}
