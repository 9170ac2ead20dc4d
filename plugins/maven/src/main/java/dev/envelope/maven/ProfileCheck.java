package dev.envelope.maven;

import dev.envelope.Env;
import dev.envelope.EnvException;
import dev.envelope.Problem;
import dev.envelope.Report;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves one schema in one profile from the committed {@code .env} files alone: no process
 * environment, no provider contacted. Each name the deployment provides is set to a placeholder in
 * the environment, which takes precedence over {@code .env} files as the deployment's value would;
 * problems of those placeholders are dropped, since the real value is only known where it is
 * deployed.
 */
final class ProfileCheck {
  /** Fits strings, numbers and URIs; a placeholder that does not fit its type is dropped as its problem. */
  static final String PLACEHOLDER = "0";

  private ProfileCheck() {}

  /**
   * The outcome for one schema and profile.
   *
   * @param problems what is wrong with the committed files, empty when the profile passes
   * @param json the core's JSON form: the report, the exception of the remaining problems, or {@code
   *     null} when the record could only be built with the deployment's real values
   */
  record Outcome(String schema, String profile, List<String> provided, List<Problem> problems, String table, String json) {
    boolean passed() {
      return problems.isEmpty();
    }
  }

  static Outcome run(Class<? extends Record> schema, String profile, Path directory, Deployment deployment) {
    Set<String> provided = deployment.names(profile);
    Map<String, String> placeholders = new LinkedHashMap<>();
    provided.forEach(name -> placeholders.put(name, PLACEHOLDER));
    try {
      Report report = Env.builder().hermetic().noDiscoveredProviders().directory(directory).environment(placeholders)
          .profile(profile).resolve(schema).report();
      return new Outcome(schema.getName(), profile, List.copyOf(provided), List.of(), report.toString(), report.toJson());
    } catch (EnvException e) {
      List<Problem> remaining = new ArrayList<>();
      for (Problem problem : e.problems()) {
        if (!(provided.contains(problem.variable()) && problem.origin().contains("environment"))) {
          remaining.add(withHint(problem, profile, deployment));
        }
      }
      if (remaining.isEmpty()) {
        return new Outcome(schema.getName(), profile, List.copyOf(provided), List.of(),
            "Environment for " + e.schema() + " (profile " + profile + "): complete once the deployment provides "
                + String.join(", ", provided), null);
      }
      EnvException left = new EnvException(e.schema(), e.profile(), remaining, e.warnings());
      return new Outcome(schema.getName(), profile, List.copyOf(provided), remaining, left.getMessage(), left.toJson());
    }
  }

  /** A missing variable says where to set it; other problems keep their own hint. */
  private static Problem withHint(Problem problem, String profile, Deployment deployment) {
    if (problem.kind() != Problem.Kind.MISSING || !problem.hint().isEmpty()) {
      return problem;
    }
    return new Problem(problem.variable(), problem.kind(), problem.message(), problem.origin(),
        deployment.whereToSet(problem.variable(), profile));
  }
}
