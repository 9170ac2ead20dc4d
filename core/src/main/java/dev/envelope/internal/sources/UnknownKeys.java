package dev.envelope.internal.sources;

import dev.envelope.Problem;
import dev.envelope.internal.schema.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds keys that sources the application owns ({@code .env} files, providers' snapshots) set but
 * the schema does not declare, each with a "did you mean" hint when a declared name is close.
 */
public final class UnknownKeys {
  private UnknownKeys() {}

  /**
   * Returns one {@code UNKNOWN} problem per undeclared key.
   *
   * @param expected names that are not declared but are known to the load: the profile variable,
   *     the provider list, {@code NAME_FILE} pointers, settings that providers read
   */
  public static List<Problem> find(Layers layers, String schemaName, Set<String> declared, Set<String> expected) {
    List<Problem> unknown = new ArrayList<>();
    for (EntrySource source : layers.sources()) {
      for (Map.Entry<String, EntrySource.Candidate> entry : source.entries().entrySet()) {
        String key = entry.getKey();
        if (entry.getValue().checked() && !declared.contains(key) && !expected.contains(key)) {
          unknown.add(new Problem(key, Problem.Kind.UNKNOWN, "not declared in " + schemaName,
              entry.getValue().origin(), suggestion(key, declared)));
        }
      }
    }
    return unknown;
  }

  /** Returns "did you mean X?" for the closest declared name, if it is close enough to be a typo. */
  static String suggestion(String key, Set<String> declared) {
    String best = Names.closest(key, declared);
    return best != null ? "did you mean " + best + "?" : "";
  }
}
