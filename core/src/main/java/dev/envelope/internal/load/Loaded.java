package dev.envelope.internal.load;

import dev.envelope.Problem;
import dev.envelope.Profile;
import dev.envelope.Report;
import dev.envelope.internal.bind.Binder;
import java.util.List;
import java.util.Map;

/**
 * What a successful load produced, for the public API to hand out as a record alone or as a
 * {@code Resolution}: the report's rows and the bound texts are made only when asked for, since
 * {@code Env.load} needs neither. Immutable once made.
 */
public final class Loaded<T> {
  private final T value;
  private final String schema;
  private final Profile profile;
  private final Binder binder;
  private final List<Problem> warnings;
  private final List<String> notes;

  Loaded(T value, String schema, Profile profile, Binder binder, List<Problem> warnings, List<String> notes) {
    this.value = value;
    this.schema = schema;
    this.profile = profile;
    this.binder = binder;
    this.warnings = List.copyOf(warnings);
    this.notes = List.copyOf(notes);
  }

  /** Returns the record. */
  public T value() {
    return value;
  }

  /** Returns the simple name of the schema. */
  public String schema() {
    return schema;
  }

  /** Returns the active profile. */
  public Profile profile() {
    return profile;
  }

  /** Returns the report's rows, secrets masked, in schema order. */
  public List<Report.Variable> variables() {
    return binder.reportRows();
  }

  /** Returns the warnings of the load. */
  public List<Problem> warnings() {
    return warnings;
  }

  /** Returns the providers' notes. */
  public List<String> notes() {
    return notes;
  }

  /** Returns the text each variable was bound from, by name (null when unset), for framework integrations. */
  public Map<String, String> texts() {
    return binder.texts();
  }

  /** Names the load, never a value: the bound texts include the secrets' texts. */
  @Override
  public String toString() {
    return "Loaded[" + schema + ", profile " + profile.name() + ", " + binder.bound().size() + " variables]";
  }
}
