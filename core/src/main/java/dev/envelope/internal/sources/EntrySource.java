package dev.envelope.internal.sources;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One layer of the resolution (explicit values, the environment, a provider, a {@code .env} file),
 * with an ordinal that encodes its precedence, keeping each entry's origin beside its value. (The
 * public face of a layer for SmallRye Config and Quarkus is {@code dev.envelope.spi.ProviderConfigSource};
 * a load's own layers are not handed to any framework, so they are not {@code ConfigSource}s.)
 */
public final class EntrySource {
  /** Ordinal of explicit builder values, the highest layer. */
  public static final int EXPLICIT = 600;
  /** Ordinal of the process environment and {@code VAR_FILE} files. */
  public static final int ENVIRONMENT = 500;
  /** Ordinal of the first provider; later providers count down from it. */
  public static final int PROVIDERS = 400;
  /** Ordinal of the highest {@code .env} file; lower files count down from it. */
  public static final int DOT_ENV = 200;

  /**
   * One value and where it came from.
   *
   * @param value the text
   * @param origin where it came from, for people: {@code .env.production:12}, {@code environment}
   * @param checked whether the key is reported when the schema does not declare it
   * @param secret whether the source marks the value secret
   * @param blank whether it is a {@code KEY=} line of a {@code .env} file with nothing after the
   *     {@code =}: unset for every type, as a template's line to fill in is not a value
   * @param secret whether the source marks the value secret (see {@code ProviderSnapshot.Entry})
   */
  public record Candidate(String value, String origin, boolean checked, boolean secret, boolean blank) {
    /** Creates a candidate the source does not mark secret. */
    public Candidate(String value, String origin, boolean checked) {
      this(value, origin, checked, false, false);
    }

    /** Creates a candidate that is not a blank template line. */
    public Candidate(String value, String origin, boolean checked, boolean secret) {
      this(value, origin, checked, secret, false);
    }

    @Override
    public String toString() {
      return "Candidate[" + origin + "]";
    }
  }

  private final String name;
  private final int ordinal;
  private final Map<String, Candidate> entries;

  /**
   * Creates a source.
   *
   * @param name how the source is listed where a variable was looked for: {@code environment},
   *     {@code .env.production}, {@code doppler api/prd}
   */
  public EntrySource(String name, int ordinal, Map<String, Candidate> entries) {
    this.name = name;
    this.ordinal = ordinal;
    this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
  }

  /** Returns a source whose entries all have the same origin, as the environment's do. */
  public static EntrySource uniform(String name, int ordinal, Map<String, String> values, boolean checked) {
    Map<String, Candidate> entries = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : values.entrySet()) {
      entries.put(entry.getKey(), new Candidate(entry.getValue(), name, checked));
    }
    return new EntrySource(name, ordinal, entries);
  }

  /** Returns the candidate for {@code key}, or null. */
  public Candidate candidate(String key) {
    return entries.get(key);
  }

  /** Returns every entry, in source order. */
  public Map<String, Candidate> entries() {
    return entries;
  }

  /** Returns how the source is listed where a variable was looked for. */
  public String getName() {
    return name;
  }

  /** Returns the precedence: the higher, the earlier the layer is looked in. */
  public int getOrdinal() {
    return ordinal;
  }

  /** Returns the name and ordinal; never values. */
  @Override
  public String toString() {
    return "EntrySource[" + name + ", ordinal " + ordinal + ", " + entries.size() + " entries]";
  }
}
