package dev.envelope.junit;

import dev.envelope.EnvDocs;
import java.util.ArrayList;
import java.util.List;
import org.opentest4j.AssertionFailedError;

/**
 * Checks that a deployment provides every variable a schema requires in a profile, from the names
 * alone: no values, no secret store. Run it against the committed manifest or env file of each
 * deployment so that a missing variable fails CI, not the rollout.
 */
public final class EnvCoverage {
  private EnvCoverage() {}

  /**
   * Asserts that {@code provided} names every variable {@code schema} requires in {@code profile}
   * (see {@link EnvDocs#requiredVariables}). A variable counts as provided when its name or its
   * {@code NAME_FILE} (the Docker and Kubernetes convention for secret files) is among the names.
   *
   * @throws AssertionFailedError naming every missing variable
   */
  public static void assertProvides(Class<? extends Record> schema, String profile, ProvidedNames provided) {
    List<String> required = EnvDocs.requiredVariables(schema, profile);
    List<String> missing = new ArrayList<>();
    for (String name : required) {
      if (!provided.names().contains(name) && !provided.names().contains(name + "_FILE")) {
        missing.add(name);
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    StringBuilder message =
        new StringBuilder(schema.getSimpleName())
            .append(" requires ")
            .append(missing.size())
            .append(missing.size() == 1 ? " variable" : " variables")
            .append(" in ")
            .append(profile)
            .append(" that ")
            .append(provided.source())
            .append(" does not provide:");
    for (String name : missing) {
      message.append("\n  ").append(name);
    }
    message.append("\n(")
        .append(provided.names().size())
        .append(" names provided; NAME or NAME_FILE counts as provided)");
    throw new AssertionFailedError(message.toString());
  }
}
