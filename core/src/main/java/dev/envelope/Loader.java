package dev.envelope;

import dev.envelope.internal.DotEnvEntry;
import dev.envelope.internal.DotEnvFiles;
import dev.envelope.internal.EntrySource;
import dev.envelope.internal.ProviderDiscovery;
import dev.envelope.internal.ProviderFetcher;
import dev.envelope.internal.Schema;
import dev.envelope.internal.SchemaValidator;
import dev.envelope.spi.EnvProvider;
import dev.envelope.spi.ProviderRequest;
import dev.envelope.spi.ProviderSnapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs one load: chooses the profile, reads the layers (explicit values, environment and {@code
 * VAR_FILE}s, providers, {@code .env} files), binds and validates the schema, and reports.
 */
final class Loader {
  static final String PROFILE_VARIABLE = "APP_ENV";

  private final EnvLoader settings;
  private final Map<String, String> environment;
  private final Path directory;
  private final DotEnvFiles files;
  /** Problems with a source as a whole (a file, a provider): they explain the rest, so come first. */
  private final List<Problem> sourceProblems = new ArrayList<>();
  private final List<Problem> problems = new ArrayList<>();
  private final ProviderSettings providerSettings;
  private List<EntrySource> fileSources = List.of();

  Loader(EnvLoader settings) {
    this.settings = settings;
    this.environment =
        settings.environment != null ? settings.environment : settings.hermetic ? Map.of() : System.getenv();
    Path directory = settings.directory != null ? settings.directory : settings.hermetic ? null : Path.of("");
    this.directory = settings.noDotEnvFiles ? null : directory;
    this.files = this.directory == null ? null : new DotEnvFiles(this.directory, dotEnvSyntax());
    this.providerSettings = new ProviderSettings(settings.values, environment);
  }

  <T extends Record> Resolution<T> resolve(Class<T> type) {
    String schemaName = type.getSimpleName();
    ClassPathScan scan = ClassPathScan.start(classLoader());
    // While the scan runs: the schema, assuming it finds no converter, then the profile and the files.
    Schema schema = Schema.of(type, settings.converters);
    // A validator started for this schema also serves the one read again with converters, whose
    // constrained classes can only be fewer; started first, its bootstrap overlaps all the rest.
    SchemaValidator validator = validator(type, schema, false);
    Origin<Profile> profile = profile(schemaName);
    if (files != null) {
      fileSources = files.sources(profile.value(), EntrySource.DOT_ENV, providerSettings.environmentLookup());
      sourceProblems.addAll(files.problems());
      providerSettings.useFiles(fileSources);
    }
    scan.finish();
    List<Problem> converterProblems = new ArrayList<>(scan.problems());
    if (!scan.converters().isEmpty()) {
      // Read again with the converters found: one may turn a record type into a single value.
      Map<Class<?>, Converter<?>> converters = new LinkedHashMap<>(scan.converters());
      converters.putAll(settings.converters);
      schema = Schema.of(type, converters);
    }
    boolean constrained = schema.problems().isEmpty() && !schema.constrainedClasses().isEmpty();
    if (validator == null) {
      validator = validator(type, schema, scan.applicationMessages());
    }
    if (!converterProblems.isEmpty() || !schema.problems().isEmpty()) {
      converterProblems.addAll(schema.problems());
      throw new EnvException(schemaName, profile.value().name(), converterProblems);
    }
    Set<String> declared = new LinkedHashSet<>();
    for (Schema.Variable variable : schema.variables()) {
      declared.add(variable.name());
    }

    List<EntrySource> sources = new ArrayList<>();
    if (!settings.values.isEmpty()) {
      sources.add(EntrySource.uniform("builder values", EntrySource.EXPLICIT, settings.values, false));
    }
    sources.add(environmentLayer(declared));
    List<String> notes = new ArrayList<>();
    List<EnvProvider> providers = providers(profile.value());
    sources.addAll(fetch(providers, profile.value(), declared, notes));
    sourceProblems.addAll(providerSettings.problems());
    sources.addAll(fileSources);

    Layers layers = new Layers(sources);
    Redactor redactor = redactor(layers, schema);
    Binder binder =
        new Binder(
            schema,
            layers,
            profile.value(),
            profile.origin(),
            Set.copyOf(fileSources),
            settings.allowSecretsFromFiles,
            lookedIn(providers),
            redactor);
    Object root = binder.bind();
    if (validator != null) {
      binder.validate(validator);
    } else if (constrained) {
      binder.validateBuiltin(scan.jdkUrlHandlers());
    }
    problems.addAll(binder.problems());
    List<Problem> unknown = unknownKeys(layers, schema, declared);
    if (files != null) {
      unknown.addAll(files.warnings());
    }
    if (settings.strict) {
      problems.addAll(unknown);
    }
    if (!sourceProblems.isEmpty() || !problems.isEmpty() || root == null) {
      List<Problem> all = new ArrayList<>(sourceProblems);
      all.addAll(ordered(problems, schema));
      throw new EnvException(schemaName, profile.value().name(), redactor.apply(all));
    }
    List<Problem> warnings = settings.strict ? List.of() : redactor.apply(unknown);
    if (!warnings.isEmpty()) {
      warn(schemaName, warnings);
    }
    return new Resolution<>(type.cast(root), Report.of(schemaName, profile.value(), binder, warnings, notes));
  }

  /**
   * Starts Hibernate Validator for {@code schema} if it needs it: for constraints Envelope does not
   * evaluate itself, or for any constraint when the application brings its own messages.
   */
  private static SchemaValidator validator(Class<?> type, Schema schema, boolean applicationMessages) {
    boolean constrained = schema.problems().isEmpty() && !schema.constrainedClasses().isEmpty();
    return constrained && (schema.needsValidator() || applicationMessages)
        ? SchemaValidator.start(type, schema.constrainedClasses(), schema.constraintNames())
        : null;
  }

  private record Origin<V>(V value, String origin) {}

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

  private Origin<Profile> profile(String schemaName) {
    if (settings.profile != null) {
      return new Origin<>(settings.profile, "builder");
    }
    String text = settings.values.get(PROFILE_VARIABLE);
    String origin = "builder values";
    if (text == null || text.isEmpty()) {
      text = environment.get(PROFILE_VARIABLE);
      origin = "environment";
    }
    if ((text == null || text.isEmpty()) && files != null) {
      DotEnvEntry entry = files.peek(".env", PROFILE_VARIABLE);
      if (entry != null) {
        text = entry.unexpandedValue();
        origin = files.display(".env") + ":" + entry.line();
      }
    }
    if (text == null || text.isEmpty()) {
      return new Origin<>(Profile.DEVELOPMENT, "default");
    }
    try {
      return new Origin<>(Profile.of(text), origin);
    } catch (IllegalArgumentException e) {
      Problem problem = new Problem(PROFILE_VARIABLE, Problem.Kind.INVALID, e.getMessage(), origin);
      throw new EnvException(schemaName, "unknown", List.of(problem));
    }
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
      VarFiles.FileValue fromFile = VarFiles.read(environment, name, problems);
      if (fromFile != null) {
        entries.put(name, new EntrySource.Candidate(fromFile.value(), fromFile.origin(), false));
      }
    }
    return new EntrySource("environment", EntrySource.ENVIRONMENT, entries);
  }

  /**
   * Returns a redactor of every value any layer holds for a {@code Secret} variable, and of provider
   * settings whose names mark them as credentials.
   */
  private Redactor redactor(Layers layers, Schema schema) {
    List<String> secrets = new ArrayList<>();
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
        if (value.isPresent()) {
          secrets.add(value.get());
        }
      }
    }
    return Redactor.of(secrets);
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
    List<EntrySource> sources = new ArrayList<>();
    int ordinal = EntrySource.PROVIDERS;
    for (ProviderFetcher.Result result : ProviderFetcher.fetchAll(providers, request, settings.providerTimeout)) {
      if (result.problem() != null) {
        sourceProblems.add(result.problem());
        continue;
      }
      ProviderSnapshot snapshot = result.snapshot();
      Map<String, EntrySource.Candidate> entries = new LinkedHashMap<>();
      for (ProviderSnapshot.Entry entry : snapshot.entries()) {
        entries.put(entry.name(), new EntrySource.Candidate(entry.value(), entry.origin(), entry.checked()));
      }
      sources.add(new EntrySource(result.provider().name(), ordinal--, entries));
      if (!snapshot.note().isEmpty()) {
        notes.add(result.provider().name() + ": " + snapshot.note());
      }
    }
    return sources;
  }

  private String lookedIn(List<EnvProvider> providers) {
    List<String> places = new ArrayList<>();
    if (!settings.values.isEmpty()) {
      places.add("builder values");
    }
    places.add("environment");
    for (EnvProvider provider : providers) {
      places.add(provider.name());
    }
    for (EntrySource source : fileSources) {
      places.add(source.getName());
    }
    if (files != null && fileSources.isEmpty()) {
      places.add("no .env files in " + directory.toAbsolutePath().normalize());
    }
    return String.join(", ", places);
  }

  private List<Problem> unknownKeys(Layers layers, Schema schema, Set<String> declared) {
    Set<String> expected = new HashSet<>(providerSettings.read());
    expected.add(PROFILE_VARIABLE);
    expected.add(ProviderDiscovery.VARIABLE);
    for (String name : declared) {
      expected.add(name + VarFiles.SUFFIX);
    }
    return UnknownKeys.find(layers, schema.type().getSimpleName(), declared, expected);
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
