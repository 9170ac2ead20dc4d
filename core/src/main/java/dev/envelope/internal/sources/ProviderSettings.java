package dev.envelope.internal.sources;

import dev.envelope.Problem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Reads the settings providers ask for, such as {@code DOPPLER_TOKEN}, from the layers below the
 * providers: explicit values, the environment (and {@code NAME_FILE}), then the {@code .env} files.
 *
 * <p>Thread-safe: providers read from threads of their own. It remembers every name read, so that
 * credentials among them can be masked and none is reported as an unknown key.
 */
public final class ProviderSettings implements Function<String, Optional<String>> {
  private final Map<String, String> values;
  private final Map<String, String> environment;
  private volatile List<EntrySource> files = List.of();
  private final Set<String> read = ConcurrentHashMap.newKeySet();
  /** Settings read from NAME_FILE, once each. */
  private final Map<String, Optional<VarFiles.FileValue>> fromFiles = new HashMap<>();
  private final List<Problem> problems = Collections.synchronizedList(new ArrayList<>());
  private final FileCache cache;

  public ProviderSettings(Map<String, String> values, Map<String, String> environment, FileCache cache) {
    this.values = values;
    this.environment = environment;
    this.cache = cache;
  }

  /** Makes the {@code .env} files' values available, below the environment's. */
  public void useFiles(List<EntrySource> files) {
    this.files = List.copyOf(files);
  }

  /** Returns the setting {@code name}, or empty if no layer below the providers has a value for it. */
  @Override
  public Optional<String> apply(String name) {
    read.add(name);
    String value = values.get(name);
    if ((value == null || value.isEmpty()) && environment.containsKey(name + VarFiles.SUFFIX)) {
      // Read once per setting, reporting an unreadable file or a conflict as a source problem.
      Optional<VarFiles.FileValue> fromFile;
      synchronized (fromFiles) {
        fromFile = fromFiles.get(name);
        if (fromFile == null) {
          fromFile = Optional.ofNullable(VarFiles.read(environment, name, problems, cache));
          fromFiles.put(name, fromFile);
        }
      }
      value = fromFile.isPresent() ? fromFile.get().value() : null;
    }
    if (value == null || value.isEmpty()) {
      value = environmentValue(name);
    }
    if (value == null || value.isEmpty()) {
      for (EntrySource source : files) {
        EntrySource.Candidate candidate = source.candidate(name);
        if (candidate != null) {
          value = candidate.value();
          break;
        }
      }
    }
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  /** Returns the environment's value of {@code name}, or the content of the file {@code NAME_FILE} names. */
  String environmentValue(String name) {
    String value = environment.get(name);
    if (value != null && !value.isEmpty()) {
      return value;
    }
    VarFiles.FileValue fromFile = VarFiles.read(environment, name, null, cache);
    return fromFile == null ? value : fromFile.value();
  }

  /** Returns {@link #environmentValue} as a function, for {@code .env} expansion. */
  public Function<String, String> environmentLookup() {
    return new EnvironmentLookup(this);
  }

  /** Returns the names of the settings read so far. */
  public Set<String> read() {
    return read;
  }

  /**
   * Returns the values of every setting read so far that may be a credential, whatever its name: a
   * provider's failure may quote any of them. Left out are only what names the target and is shown
   * in the provider's own name and messages: endpoints (URIs without user information), and settings
   * named {@code ENVELOPE_*} or ending in {@code _REGION}, {@code _PROJECT} or {@code _CONFIG}.
   */
  public List<String> credentials() {
    List<String> values = new ArrayList<>();
    for (String name : read) {
      if (name.startsWith("ENVELOPE_") || name.endsWith("_REGION") || name.endsWith("_PROJECT")
          || name.endsWith("_CONFIG")) {
        continue;
      }
      Optional<String> value = apply(name);
      if (value.isPresent() && !isEndpoint(value.get())) {
        values.add(value.get());
      }
    }
    return values;
  }

  /** Returns the problems met reading settings from files. */
  public List<Problem> problems() {
    synchronized (problems) {
      return List.copyOf(problems);
    }
  }

  /**
   * Looks names up in the environment for {@code .env} expansion.
   */
  private static final class EnvironmentLookup implements Function<String, String> {
    private final ProviderSettings settings;

    EnvironmentLookup(ProviderSettings settings) {
      this.settings = settings;
    }

    @Override
    public String apply(String name) {
      return settings.environmentValue(name);
    }
  }

  /** Returns whether a setting's value is an endpoint URI without credentials, which is not a secret. */
  public static boolean isEndpoint(String value) {
    if (!value.contains("://")) {
      return false;
    }
    try {
      java.net.URI uri = new java.net.URI(value);
      return uri.getScheme() != null && uri.getRawUserInfo() == null;
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }
}
