package dev.envelope;

import dev.envelope.internal.DotEnvEntry;
import dev.envelope.internal.DotEnvFiles;
import dev.envelope.internal.EntrySource;
import dev.envelope.internal.FileCache;
import dev.envelope.internal.Names;
import dev.envelope.internal.ProviderDiscovery;
import dev.envelope.internal.ProviderFetcher;
import dev.envelope.internal.Schema;
import dev.envelope.spi.EnvProvider;
import dev.envelope.spi.ProviderRequest;
import dev.envelope.spi.ProviderSnapshot;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
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
final class Loader {
  static final String PROFILE_VARIABLE = "APP_ENV";

  private final EnvLoader settings;
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
  /** The loader's files as last read, for a live configuration's loads; null for a one-off load, which reads all. */
  private final FileCache fileCache;

  Loader(EnvLoader settings, LiveState live) {
    this.settings = settings;
    this.live = live;
    this.fileCache = live == null ? null : settings.files;
    this.environment =
        settings.environment != null ? settings.environment : settings.hermetic ? Map.of() : System.getenv();
    Path directory = settings.directory != null ? settings.directory : settings.hermetic ? null : Path.of("");
    this.directory = settings.noDotEnvFiles ? null : directory;
    this.files = this.directory == null ? null : new DotEnvFiles(this.directory, dotEnvSyntax(), fileCache);
    this.providerSettings = new ProviderSettings(settings.values, environment, fileCache);
  }

  <T extends Record> Resolution<T> resolve(Class<T> type) {
    String schemaName = type.getSimpleName();
    Startup startup = Startup.begin(type, settings.converters, classLoader());

    Chosen chosen = profile();
    Profile profile = chosen.profile();
    List<EntrySource> fileSources = dotEnvFiles(profile);
    Schema schema = startup.schema();
    if (!startup.problems().isEmpty()) {
      List<Problem> all = new ArrayList<>(sourceProblems);
      all.addAll(startup.problems());
      throw new EnvException(schemaName, profile.name(), all);
    }
    problems.addAll(undeclaredProfiles(schema));
    Set<String> declared = declaredNames(schema);

    List<EntrySource> sources = new ArrayList<>();
    if (!settings.values.isEmpty()) {
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

    Redactor redactor = redactor(layers, schema);
    boolean secretsFromFiles = settings.allowSecretsFromFiles || !settings.profiles.isProductionLike(profile);
    Binder binder = new Binder(schema, layers, profile, chosen.origin(), Set.copyOf(fileSources), secretsFromFiles,
        lookedIn(providers, fileSources, profile, Map.of()), lookedInFor(providers, fileSources, profile, declared),
        redactor);
    Object root = binder.bind();
    startup.constraints().validate(binder);
    problems.addAll(binder.problems());

    return outcome(type, schema, profile, layers, declared, root, binder, redactor, notes);
  }

  /** Returns the record and its report, or throws every problem at once, with the warnings. */
  private <T extends Record> Resolution<T> outcome(Class<T> type, Schema schema, Profile profile, Layers layers,
      Set<String> declared, Object root, Binder binder, Redactor redactor, List<String> notes) {
    String schemaName = type.getSimpleName();
    List<Problem> unknown = redactor.apply(unknownKeys(layers, schema, declared));
    // References to names set nowhere: warnings like unknown keys, errors in strict mode.
    List<Problem> unresolved = files == null ? List.of() : redactor.apply(files.warnings());
    List<Problem> warnings = new ArrayList<>(unknown);
    warnings.addAll(unresolved);
    if (settings.strict) {
      problems.addAll(warnings);
      warnings.clear();
    }
    if (!sourceProblems.isEmpty() || !problems.isEmpty() || root == null) {
      List<Problem> all = new ArrayList<>(sourceProblems);
      all.addAll(ordered(hinted(withUnreadFiles(problems, profile), unknown), schema));
      throw new EnvException(schemaName, profile.name(), redactor.apply(all), warnings);
    }
    if (!warnings.isEmpty()) {
      warn(schemaName, warnings);
    }
    return new Resolution<>(type.cast(root), Report.of(schemaName, profile, binder, warnings, notes), binder.texts());
  }

  // ---- profile ------------------------------------------------------------------------------

  /** The profile of a load and where it was chosen. */
  private record Chosen(Profile profile, String origin) {}

  /** Returns the builder's syntax, else {@code ENVELOPE_DOTENV_SYNTAX} read as {@code APP_ENV} is. */
  private DotEnvSyntax dotEnvSyntax() {
    if (settings.dotEnvSyntax != null) {
      return settings.dotEnvSyntax;
    }
    String text = settings.values.get(DotEnvSyntax.VARIABLE);
    String origin = "builder values";
    if (text == null || text.isEmpty()) {
      text = environment.get(DotEnvSyntax.VARIABLE);
      origin = "environment";
    }
    if (text == null || text.isEmpty()) {
      return DotEnvSyntax.DOTENV;
    }
    try {
      return DotEnvSyntax.of(text);
    } catch (IllegalArgumentException e) {
      sourceProblems.add(new Problem(DotEnvSyntax.VARIABLE, Problem.Kind.INVALID, e.getMessage(), origin));
      return DotEnvSyntax.DOTENV;
    }
  }

  /**
   * Chooses the profile: the builder's, else {@code APP_ENV} from the builder values, the
   * environment, {@code .env.local} or {@code .env} (the files a profile does not select). A name
   * that is malformed or not declared is a problem, and the load goes on in {@code development} so
   * that every other problem is listed too.
   */
  private Chosen profile() {
    if (settings.profile != null) {
      return new Chosen(settings.profile, "builder");
    }
    String text = settings.values.get(PROFILE_VARIABLE);
    String origin = settings.valueOrigins.getOrDefault(PROFILE_VARIABLE, settings.valuesName);
    if (text == null || text.isEmpty()) {
      text = environment.get(PROFILE_VARIABLE);
      origin = "environment";
    }
    for (String file : List.of(".env.local", ".env")) {
      if ((text == null || text.isEmpty()) && files != null) {
        DotEnvEntry entry = files.peek(file, PROFILE_VARIABLE);
        if (entry != null) {
          text = entry.unexpandedValue();
          origin = files.display(file) + ":" + entry.line();
        }
      }
    }
    if (text == null || text.isEmpty()) {
      return new Chosen(Profile.DEVELOPMENT, "default");
    }
    Profile profile;
    try {
      profile = Profile.of(text);
    } catch (IllegalArgumentException e) {
      sourceProblems.add(new Problem(PROFILE_VARIABLE, Problem.Kind.INVALID,
          e.getMessage() + "; the rest was checked as in development", origin));
      return new Chosen(Profile.DEVELOPMENT, "default, as APP_ENV is invalid");
    }
    if (!settings.profiles.accepts(profile)) {
      String hint = settings.profiles.suggestion(text);
      sourceProblems.add(new Problem(PROFILE_VARIABLE, Problem.Kind.INVALID,
          "'" + text + "' is not a known profile (known: " + settings.profiles.known()
              + "); the rest was checked as in development",
          origin, hint.isEmpty() ? "declare a custom profile with Env.builder().profiles(\"" + profile.name() + "\")" : hint));
      return new Chosen(Profile.DEVELOPMENT, "default, as APP_ENV is invalid");
    }
    return new Chosen(profile, origin);
  }

  /** Returns a problem for each profile that {@code @RequiredIn} or {@code @DefaultIn} names but no one declared. */
  private List<Problem> undeclaredProfiles(Schema schema) {
    List<Problem> found = new ArrayList<>();
    for (Schema.Variable variable : schema.variables()) {
      Set<Profile> named = new LinkedHashSet<>(variable.requiredIn());
      for (Map.Entry<Profile, String> defaultIn : variable.defaultsIn().entrySet()) {
        named.add(defaultIn.getKey());
      }
      for (Profile profile : named) {
        if (!settings.profiles.accepts(profile)) {
          String hint = settings.profiles.suggestion(profile.name());
          found.add(new Problem(variable.name(), Problem.Kind.SCHEMA,
              "names the profile '" + profile.name() + "', which is not a known profile (known: "
                  + settings.profiles.known() + ")", "schema",
              hint.isEmpty() ? "declare it with Env.builder().profiles(\"" + profile.name() + "\")" : hint));
        }
      }
    }
    return found;
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
    for (EntrySource source : sources) {
      EntrySource.Candidate chosen = source.candidate(PROFILE_VARIABLE);
      boolean selected = !source.getName().equals(files.display(".env"))
          && !source.getName().equals(files.display(".env.local"));
      if (selected && chosen != null && !chosen.value().isEmpty()) {
        Optional<Profile> other = parsedProfile(chosen.value());
        if (other.isEmpty() || !other.get().equals(profile)) {
          sourceProblems.add(new Problem(PROFILE_VARIABLE, Problem.Kind.INVALID,
              "is set to '" + chosen.value() + "' in a file that profile " + profile + " selected, which cannot"
                  + " change the profile", chosen.origin(),
              "set APP_ENV in the environment, .env.local or .env"));
        }
      }
    }
    return sources;
  }

  private static Optional<Profile> parsedProfile(String text) {
    try {
      return Optional.of(Profile.of(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private EntrySource explicitLayer() {
    Map<String, EntrySource.Candidate> entries = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : settings.values.entrySet()) {
      String origin = settings.valueOrigins.getOrDefault(entry.getKey(), settings.valuesName);
      entries.put(entry.getKey(), new EntrySource.Candidate(entry.getValue(), origin, false));
    }
    return new EntrySource(settings.valuesName, EntrySource.EXPLICIT, entries);
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
    for (Env.ProviderRegistration registration : settings.providers) {
      if (registration.activeIn(profile)) {
        providers.add(registration.provider());
      }
    }
    if (settings.discoverProviders) {
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
    List<ProviderFetcher.Result> results = ProviderFetcher.fetchAll(providers, requests, settings.providerTimeout);
    // A provider's failure may quote any of the settings it read, whatever their names.
    Redactor settingsRedactor = Redactor.of(providerSettings.credentials());
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
      snapshots.put(result.provider(), snapshot);
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

  /**
   * Returns a redactor of every value any layer holds for a {@code Secret} variable, of every value
   * its provider marks secret, and of provider settings that are credentials.
   */
  private Redactor redactor(Layers layers, Schema schema) {
    List<String> secrets = new ArrayList<>();
    for (EntrySource source : layers.sources()) {
      for (EntrySource.Candidate candidate : source.entries().values()) {
        if (candidate.secret()) {
          secrets.add(candidate.value());
        }
      }
    }
    for (Schema.Variable variable : schema.variables()) {
      if (variable.secret()) {
        for (EntrySource source : layers.sources()) {
          EntrySource.Candidate candidate = source.candidate(variable.name());
          if (candidate != null) {
            secrets.add(candidate.value());
          }
        }
      }
    }
    for (String name : providerSettings.read()) {
      if (name.contains("TOKEN") || name.contains("SECRET") || name.contains("PASSWORD") || name.contains("KEY")) {
        Optional<String> value = providerSettings.apply(name);
        if (value.isPresent() && !isEndpoint(value.get())) {
          secrets.add(value.get());
        }
      }
    }
    Set<String> unmasked = new HashSet<>();
    for (Schema.Variable variable : schema.variables()) {
      if (variable.unmasked()) {
        unmasked.add(variable.name());
      }
    }
    return Redactor.of(secrets, unmasked);
  }

  /** Returns whether a setting's value is an endpoint URI without credentials, which is not a secret. */
  static boolean isEndpoint(String value) {
    if (!value.contains("://")) {
      return false;
    }
    try {
      URI uri = new URI(value);
      return uri.getScheme() != null && uri.getRawUserInfo() == null;
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  /**
   * Returns the "looked in" list of the declared variables for which a provider said where it looked
   * ({@link ProviderSnapshot#lookedFor}), such as the Key Vault secret it tried.
   */
  private Map<String, String> lookedInFor(List<EnvProvider> providers, List<EntrySource> fileSources, Profile profile,
      Set<String> declared) {
    Map<String, String> lookedInFor = new HashMap<>();
    for (String name : declared) {
      Map<EnvProvider, String> details = null;
      for (EnvProvider provider : providers) {
        ProviderSnapshot snapshot = snapshots.get(provider);
        String where = snapshot == null ? "" : snapshot.lookedFor(name);
        if (!where.isEmpty()) {
          details = details == null ? new HashMap<>() : details;
          details.put(provider, where);
        }
      }
      if (details != null) {
        lookedInFor.put(name, lookedIn(providers, fileSources, profile, details));
      }
    }
    return lookedInFor;
  }

  /**
   * Returns where a missing variable was looked for, with what each provider in {@code details} said
   * it tried, and which sources could not be read.
   */
  private String lookedIn(List<EnvProvider> providers, List<EntrySource> fileSources, Profile profile,
      Map<EnvProvider, String> details) {
    List<String> places = new ArrayList<>();
    if (!settings.values.isEmpty()) {
      places.add(settings.valuesName);
    }
    places.add("environment");
    for (EnvProvider provider : providers) {
      String where = details.get(provider);
      places.add(where == null ? provider.name() : provider.name() + " (" + where + ")");
    }
    for (EntrySource source : fileSources) {
      places.add(source.getName());
    }
    if (files != null && fileSources.isEmpty()) {
      places.add("no .env files for " + profile + " in " + directory.toAbsolutePath().normalize());
    }
    String text = String.join(", ", places);
    if (!unread.isEmpty()) {
      text += "; not read: " + String.join(", ", unread);
    }
    return text;
  }

  /**
   * Adds to each missing variable's origin the {@code .env.*} files of the directory that the profile
   * does not read: a file named for another profile, or misspelt, is the usual reason. Lists the
   * directory only when something is missing.
   */
  private List<Problem> withUnreadFiles(List<Problem> found, Profile profile) {
    if (files == null) {
      return found;
    }
    List<String> other = null;
    List<Problem> result = new ArrayList<>(found.size());
    for (Problem problem : found) {
      if (problem.kind() == Problem.Kind.MISSING) {
        if (other == null) {
          other = files.unread(profile);
        }
        if (!other.isEmpty()) {
          problem = new Problem(problem.variable(), problem.kind(), problem.message(), problem.origin() + "; found "
              + String.join(", ", other) + ", not read in profile " + profile + " (it reads "
              + String.join(", ", DotEnvFiles.fileNames(profile)) + ")", problem.hint());
        }
      }
      result.add(problem);
    }
    return result;
  }

  // ---- outcome ------------------------------------------------------------------------------

  private List<Problem> unknownKeys(Layers layers, Schema schema, Set<String> declared) {
    Set<String> expected = new HashSet<>(providerSettings.read());
    expected.add(PROFILE_VARIABLE);
    expected.add(ProviderDiscovery.VARIABLE);
    for (String name : declared) {
      expected.add(name + VarFiles.SUFFIX);
    }
    return UnknownKeys.find(layers, schema.type().getSimpleName(), declared, expected);
  }

  /** Adds "did you mean" hints to missing variables whose name is close to an unknown key that was set. */
  private static List<Problem> hinted(List<Problem> problems, List<Problem> unknown) {
    if (unknown.isEmpty()) {
      return problems;
    }
    List<Problem> hinted = new ArrayList<>(problems.size());
    for (Problem problem : problems) {
      Problem closest = null;
      if (problem.kind() == Problem.Kind.MISSING && problem.hint().isEmpty()) {
        int best = Integer.MAX_VALUE;
        for (Problem key : unknown) {
          int distance = Names.distance(problem.variable(), key.variable());
          if (distance < best && distance <= Math.max(2, problem.variable().length() / 4)) {
            best = distance;
            closest = key;
          }
        }
      }
      hinted.add(closest == null ? problem : new Problem(problem.variable(), problem.kind(), problem.message(),
          problem.origin(), "did you mean " + closest.variable() + ", set in " + closest.origin() + "?"));
    }
    return hinted;
  }

  /** Orders problems in schema order; group-level and unknown-key problems follow. */
  private static List<Problem> ordered(List<Problem> problems, Schema schema) {
    Map<String, Integer> position = new LinkedHashMap<>();
    for (Schema.Variable variable : schema.variables()) {
      position.putIfAbsent(variable.name(), position.size());
    }
    List<Problem> sorted = new ArrayList<>(problems);
    sorted.sort(
        Comparator.comparingInt((Problem p) -> position.getOrDefault(p.variable(), Integer.MAX_VALUE)));
    return sorted;
  }

  private static void warn(String schemaName, List<Problem> warnings) {
    StringBuilder message =
        new StringBuilder("Envelope: ").append(warnings.size()).append(" warning(s) for ").append(schemaName);
    for (Problem warning : warnings) {
      message.append("\n  ").append(warning);
    }
    System.getLogger("dev.envelope").log(System.Logger.Level.WARNING, message.toString());
  }

  private static ClassLoader classLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : Loader.class.getClassLoader();
  }
}
