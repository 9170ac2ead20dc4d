package dev.envelope.internal.dotenv;

import dev.envelope.DotEnvSyntax;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The expanded values of a profile's {@code .env} files, in either syntax, with the problems and
 * warnings met on the way. Immutable.
 */
public final class DotEnvExpansion {

  /** One key's value in one file, and the line that set it. */
  record Value(String value, int line) {
    @Override
    public String toString() {
      return "Value[line " + line + "]";
    }
  }

  private final Map<String, Map<String, Value>> byFile;
  private final List<DotEnvIssue> problems;
  private final List<DotEnvIssue> warnings;

  DotEnvExpansion(Map<String, Map<String, Value>> byFile, List<DotEnvIssue> problems, List<DotEnvIssue> warnings) {
    Map<String, Map<String, Value>> copy = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, Value>> file : byFile.entrySet()) {
      copy.put(file.getKey(), Collections.unmodifiableMap(new LinkedHashMap<>(file.getValue())));
    }
    this.byFile = Collections.unmodifiableMap(copy);
    this.problems = List.copyOf(problems);
    this.warnings = List.copyOf(warnings);
  }

  /**
   * Expands the entries of {@code highestFirst} (file name to its entries, highest precedence first).
   * With {@code DOTENV}, the winning entry of each key is expanded against the environment and all
   * winners; a shadowed entry keeps its unexpanded value. With {@code COMPOSE}, the files are read
   * lowest first, every line expanded against the environment and the lines before it.
   *
   * @throws DotEnvSyntaxException for a malformed reference, a cycle, or a breach of the limits
   */
  static DotEnvExpansion of(
      DotEnvSyntax syntax, Map<String, List<DotEnvEntry>> highestFirst, Function<String, String> environment) {
    if (syntax == DotEnvSyntax.COMPOSE) {
      List<String> names = new ArrayList<>(highestFirst.keySet());
      Collections.reverse(names);
      Map<String, List<DotEnvEntry>> lowestFirst = new LinkedHashMap<>();
      for (String name : names) {
        lowestFirst.put(name, highestFirst.get(name));
      }
      DotEnvExpansion expansion = DotEnvComposeExpander.expand(lowestFirst, environment);
      Map<String, Map<String, Value>> ordered = new LinkedHashMap<>();
      for (String name : highestFirst.keySet()) {
        ordered.put(name, expansion.values(name));
      }
      return new DotEnvExpansion(ordered, expansion.problems, expansion.warnings);
    }
    Map<String, DotEnvEntry> winners = new LinkedHashMap<>();
    Map<String, String> winnerFile = new HashMap<>();
    for (Map.Entry<String, List<DotEnvEntry>> file : highestFirst.entrySet()) {
      for (DotEnvEntry entry : lastWins(file.getValue()).values()) {
        if (!winners.containsKey(entry.key())) {
          winners.put(entry.key(), entry);
          winnerFile.put(entry.key(), file.getKey());
        }
      }
    }
    boolean literal = true;
    for (DotEnvEntry winner : winners.values()) {
      literal &= winner.literal();
    }
    // Values without references or escapes are as written, and cannot fail: nothing to expand.
    DotEnvExpander.Result result = literal ? null : DotEnvExpander.expandAll(winners, winnerFile, environment);
    Map<String, Map<String, Value>> byFile = new LinkedHashMap<>();
    for (Map.Entry<String, List<DotEnvEntry>> file : highestFirst.entrySet()) {
      Map<String, Value> values = new LinkedHashMap<>();
      for (DotEnvEntry entry : lastWins(file.getValue()).values()) {
        boolean wins = file.getKey().equals(winnerFile.get(entry.key()));
        String value = !wins ? entry.unexpandedValue() : literal ? entry.rawValue() : result.values().get(entry.key());
        if (value != null) {
          values.put(entry.key(), new Value(value, entry.line()));
        }
      }
      byFile.put(file.getKey(), values);
    }
    return literal
        ? new DotEnvExpansion(byFile, List.of(), List.of())
        : new DotEnvExpansion(byFile, result.problems(), result.warnings());
  }

  /** Returns the values of {@code file}, key to value, in the order keys first appear in it. */
  Map<String, Value> values(String file) {
    return byFile.getOrDefault(file, Map.of());
  }

  /** Returns what kept entries from a value: {@code ${NAME?message}} references to unset names. */
  List<DotEnvIssue> problems() {
    return problems;
  }

  /** Returns the entries that refer to a name set nowhere (expanded to empty). */
  List<DotEnvIssue> warnings() {
    return warnings;
  }

  private static Map<String, DotEnvEntry> lastWins(List<DotEnvEntry> entries) {
    Map<String, DotEnvEntry> byKey = new LinkedHashMap<>();
    for (DotEnvEntry entry : entries) {
      byKey.put(entry.key(), entry);
    }
    return byKey;
  }
}
