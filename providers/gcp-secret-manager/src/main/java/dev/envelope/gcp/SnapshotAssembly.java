package dev.envelope.gcp;

import dev.envelope.spi.JsonSecretExpander;
import dev.envelope.spi.ProviderException;
import dev.envelope.spi.ProviderSnapshot;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the outcomes of a fetch's calls into a snapshot, or into one exception that names every
 * secret that failed. Secrets that failed the same way are named together, so that rejected
 * credentials read as one problem, not one per variable. Not thread-safe: one per fetch.
 */
final class SnapshotAssembly {
  private final String project;
  private final ProviderSnapshot.Builder snapshot;
  private final Set<String> seen = new HashSet<>();
  // message -> the secrets it applies to, in the order they failed
  private final Map<String, List<String>> problems = new LinkedHashMap<>();

  SnapshotAssembly(String project, ProviderSnapshot.Builder snapshot) {
    this.project = project;
    this.snapshot = snapshot;
  }

  void add(SecretRead read, Outcome outcome) {
    if (outcome instanceof Outcome.Failed failed) {
      problem(read, failed.message());
    } else if (outcome instanceof Outcome.Accessed accessed) {
      String origin = GcpSecretManagerProvider.SCHEME + " " + project + "/" + read.secretId();
      String version = " (version " + accessed.version() + ")";
      if (!read.json()) {
        if (seen.add(read.variable())) {
          snapshot.put(read.variable(), accessed.text(), origin + version);
        }
        return;
      }
      JsonSecretExpander.Expansion expansion =
          JsonSecretExpander.expand(
              accessed.text(), read.prefix(), " (secret(\"VARIABLE\", \"" + read.secretId() + "\") in code, names=VARIABLE:" + read.secretId() + " in the URI)");
      for (String problem : expansion.problems()) {
        problem(read, problem);
      }
      for (JsonSecretExpander.Variable variable : expansion.variables()) {
        if (seen.add(variable.name())) {
          snapshot.put(variable.name(), variable.value(), origin + "#" + variable.key() + version);
        }
      }
    }
  }

  private void problem(SecretRead read, String message) {
    problems.computeIfAbsent(message, m -> new ArrayList<>()).add(read.describe());
  }

  ProviderSnapshot build() throws ProviderException {
    if (problems.isEmpty()) {
      return snapshot.build();
    }
    List<String> parts = new ArrayList<>();
    int count = 0;
    for (Map.Entry<String, List<String>> problem : problems.entrySet()) {
      parts.add(String.join(", ", problem.getValue()) + ": " + problem.getKey());
      count += problem.getValue().size();
    }
    throw new ProviderException((count == 1 ? "" : count + " secrets failed: ") + String.join("; ", parts));
  }
}
