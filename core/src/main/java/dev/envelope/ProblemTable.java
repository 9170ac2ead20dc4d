package dev.envelope;

import java.util.List;

/** Formats problems as the aligned table that {@link EnvException#getMessage()} shows. */
final class ProblemTable {
  private ProblemTable() {}

  static String format(String schema, String profile, List<Problem> problems) {
    int width = 0;
    for (Problem problem : problems) {
      width = Math.max(width, problem.variable().length());
    }
    StringBuilder out =
        new StringBuilder("Invalid environment for ")
            .append(schema)
            .append(" (profile ")
            .append(profile)
            .append("): ")
            .append(problems.size())
            .append(problems.size() == 1 ? " problem" : " problems");
    for (Problem problem : problems) {
      out.append("\n  ").append(pad(problem.variable(), width)).append("  ").append(problem.message());
      if (!problem.hint().isEmpty()) {
        out.append(" — ").append(problem.hint());
      }
      if (!problem.origin().isEmpty()) {
        out.append("   (").append(problem.origin()).append(')');
      }
    }
    return out.toString();
  }

  static String pad(String text, int width) {
    return text.length() >= width ? text : text + " ".repeat(width - text.length());
  }
}
