package dev.envelope.internal.report;

import dev.envelope.Problem;
import java.util.List;

/** Formats problems as the aligned table that {@link EnvException#getMessage()} shows. */
public final class ProblemTable {
  /** Messages longer than this push their origin right instead of widening every row. */
  private static final int MESSAGE_COLUMN = 60;
  private ProblemTable() {}

  public static String format(String schema, String profile, List<Problem> problems) {
    return format(schema, profile, problems, List.of());
  }

  public static String format(String schema, String profile, List<Problem> problems, List<Problem> warnings) {
    int width = 0;
    int messageWidth = 0;
    for (Problem problem : problems) {
      width = Math.max(width, problem.variable().length());
      messageWidth = Math.max(messageWidth, Math.min(MESSAGE_COLUMN, text(problem).length()));
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
      out.append("\n  ").append(pad(problem.variable(), width)).append("  ");
      if (problem.origin().isEmpty()) {
        out.append(text(problem));
      } else {
        out.append(pad(text(problem), messageWidth)).append("  (").append(problem.origin()).append(')');
      }
    }
    for (Problem warning : warnings) {
      out.append("\n  warning: ").append(warning);
    }
    return out.toString();
  }

  private static String text(Problem problem) {
    return problem.hint().isEmpty() ? problem.message() : problem.message() + " — " + problem.hint();
  }

  public static String pad(String text, int width) {
    return text.length() >= width ? text : text + " ".repeat(width - text.length());
  }
}
