package dev.envelope.internal.load;

import dev.envelope.Problem;
import dev.envelope.Profile;
import dev.envelope.Report;
import java.util.List;
import java.util.Map;

/**
 * What a successful load produced, for the public API to hand out as a {@code Resolution}.
 *
 * @param value the record
 * @param schema the simple name of the schema
 * @param profile the active profile
 * @param variables the report's rows, secrets masked
 * @param warnings the warnings of the load
 * @param notes the providers' notes
 * @param texts the text each variable was bound from, by name, for framework integrations
 */
public record Loaded<T>(
    T value,
    String schema,
    Profile profile,
    List<Report.Variable> variables,
    List<Problem> warnings,
    List<String> notes,
    Map<String, String> texts) {

  /** Names the load, never a value: {@code texts} holds the secrets' texts too. */
  @Override
  public String toString() {
    return "Loaded[" + schema + ", profile " + profile.name() + ", " + variables.size() + " variables]";
  }
}
