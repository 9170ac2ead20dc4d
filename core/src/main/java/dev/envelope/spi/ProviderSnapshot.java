package dev.envelope.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Holds what a provider returned for one load: its entries, each with the origin it came from.
 *
 * <p>Entries are checked for unknown keys (a key the schema does not declare is reported, with a
 * "did you mean" hint) unless the provider marks them {@linkplain Builder#computed computed}, as
 * Doppler's {@code DOPPLER_PROJECT} is, or the whole snapshot {@linkplain Builder#shared shared}, for
 * a source that holds other applications' keys too. Instances are immutable; {@link #toString()}
 * lists names, never values.
 */
public final class ProviderSnapshot {
  private final List<Entry> entries;
  private final String note;
  private final String version;

  private ProviderSnapshot(List<Entry> entries, String note, String version) {
    this.entries = List.copyOf(entries);
    this.note = note;
    this.version = version;
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
   */
  public record Entry(String name, String value, String origin, boolean checked) {
    /** Creates an entry; all parts are required. */
    public Entry {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(origin, "origin");
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

    /** Returns the snapshot. */
    public ProviderSnapshot build() {
      if (!shared) {
        return new ProviderSnapshot(entries, note, version);
      }
      List<Entry> unchecked = new ArrayList<>(entries.size());
      for (Entry entry : entries) {
        unchecked.add(new Entry(entry.name(), entry.value(), entry.origin(), false));
      }
      return new ProviderSnapshot(unchecked, note, version);
    }
  }
}
