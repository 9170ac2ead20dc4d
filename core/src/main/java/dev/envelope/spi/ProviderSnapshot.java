package dev.envelope.spi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Holds what a provider returned for one load: its entries, each with the origin it came from.
 *
 * <p>Entries are checked for unknown keys (a key the schema does not declare is reported, with a
 * "did you mean" hint) unless the provider marks them {@linkplain Builder#computed computed}, as
 * Doppler's {@code DOPPLER_PROJECT} is, or the whole snapshot {@linkplain Builder#shared shared}, for
 * a source that holds other applications' keys too. An entry the source itself marks secret (a
 * Parameter Store {@code SecureString}) is added with {@link Builder#secret}. Instances are
 * immutable; {@link #toString()} lists names, never values.
 */
public final class ProviderSnapshot {
  private final List<Entry> entries;
  private final String note;
  private final String version;
  private final Map<String, String> lookedFor;

  private ProviderSnapshot(List<Entry> entries, String note, String version, Map<String, String> lookedFor) {
    this.entries = List.copyOf(entries);
    this.note = note;
    this.version = version;
    this.lookedFor = Map.copyOf(lookedFor);
  }

  /** Returns a builder for a snapshot. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the entries, in the order the provider added them. */
  public List<Entry> entries() {
    return entries;
  }

  /**
   * Returns a note for the load report, for example that the values came from a fallback file and
   * how old it is; empty when there is none.
   */
  public String note() {
    return note;
  }

  /**
   * Returns the provider's token for this content (an ETag, a digest of version ids, a directory's
   * modification time), or empty when it has none. A provider that finds, on a later fetch, that its
   * content still has the version of {@link ProviderRequest#previous()} may return that snapshot
   * itself, at the cost of the check alone; never a secret.
   */
  public String version() {
    return version;
  }

  /**
   * Returns where the provider looked for the declared variable {@code name} without finding it
   * ({@code secret database-url}), for the "looked in" list of its {@code MISSING} problem; empty
   * when the provider did not say.
   */
  public String lookedFor(String name) {
    return lookedFor.getOrDefault(name, "");
  }

  @Override
  public String toString() {
    List<String> names = new ArrayList<>();
    for (Entry entry : entries) {
      names.add(entry.name());
    }
    return "ProviderSnapshot" + names;
  }

  /**
   * One variable from a provider.
   *
   * @param name the variable's name, for example {@code DATABASE_PASSWORD}
   * @param value its value; never printed by Envelope unless the schema declares it as a plain value
   * @param origin where it came from, precise enough to fix it: {@code doppler api/prd}, {@code
   *     aws-secretsmanager prod/db#PASSWORD (version 3f2a...)}, {@code /var/run/secrets/app/db-password}
   * @param checked whether the key is reported when the schema does not declare it
   * @param secret whether the source marks the value secret: Envelope then masks it in every message
   *     and report, and in production refuses to bind it to a component that is not a {@code Secret}
   */
  public record Entry(String name, String value, String origin, boolean checked, boolean secret) {
    /** Creates an entry; all parts are required. */
    public Entry {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(origin, "origin");
    }

    /** Creates an entry the source does not mark secret. */
    public Entry(String name, String value, String origin, boolean checked) {
      this(name, value, origin, checked, false);
    }

    /** Returns the name and origin; never the value. */
    @Override
    public String toString() {
      return "Entry[" + name + " from " + origin + "]";
    }
  }

  /** Builds a {@link ProviderSnapshot}. Not thread-safe. */
  public static final class Builder {
    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, String> lookedFor = new LinkedHashMap<>();
    private boolean shared;
    private String note = "";
    private String version = "";

    private Builder() {}

    /** Adds a variable that the application owns: reported if the schema does not declare it. */
    public Builder put(String name, String value, String origin) {
      entries.add(new Entry(name, value, origin, true));
      return this;
    }

    /**
     * Adds a variable that the application owns and the source marks secret, such as a Parameter
     * Store {@code SecureString}: masked in every message and report, and in production a problem
     * unless the schema declares it as a {@code Secret}.
     */
    public Builder secret(String name, String value, String origin) {
      entries.add(new Entry(name, value, origin, true, true));
      return this;
    }

    /**
     * Adds a variable that the service adds by itself (such as {@code DOPPLER_CONFIG}): usable by the
     * schema, never reported as unknown.
     */
    public Builder computed(String name, String value, String origin) {
      entries.add(new Entry(name, value, origin, false));
      return this;
    }

    /**
     * Marks the snapshot as coming from a source shared with other applications, so that none of its
     * keys are reported as unknown.
     */
    public Builder shared() {
      this.shared = true;
      return this;
    }

    /** Sets a note for the load report (see {@link ProviderSnapshot#note()}). */
    public Builder note(String note) {
      this.note = Objects.requireNonNull(note, "note");
      return this;
    }

    /** Sets the content's version token (see {@link ProviderSnapshot#version()}); never a secret. */
    public Builder version(String version) {
      this.version = Objects.requireNonNull(version, "version");
      return this;
    }

    /**
     * Records where the provider looked for the declared variable {@code name} that it does not
     * supply, such as the name of the secret it tried ({@code secret database-url}), so that the
     * variable's {@code MISSING} problem can say so: {@code looked in: environment, azure-keyvault
     * my-vault (secret database-url)}. Never a value or a credential.
     */
    public Builder lookedFor(String name, String where) {
      lookedFor.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(where, "where"));
      return this;
    }

    /** Returns the snapshot. */
    public ProviderSnapshot build() {
      if (!shared) {
        return new ProviderSnapshot(entries, note, version, lookedFor);
      }
      List<Entry> unchecked = new ArrayList<>(entries.size());
      for (Entry entry : entries) {
        unchecked.add(new Entry(entry.name(), entry.value(), entry.origin(), false, entry.secret()));
      }
      return new ProviderSnapshot(unchecked, note, version, lookedFor);
    }
  }
}
