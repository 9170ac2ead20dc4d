package dev.envelope.maven;

import java.util.List;

/**
 * Renders {@code report.json}: one entry per schema and profile around the core's own JSON form
 * ({@code Report.toJson()} or {@code EnvException.toJson()}), schema in {@code docs/ci.md}.
 */
final class ReportFile {
  private ReportFile() {}

  static String render(List<ProfileCheck.Outcome> outcomes) {
    StringBuilder out = new StringBuilder("{\n  \"schemaVersion\": 1,\n  \"passed\": ")
        .append(outcomes.stream().allMatch(ProfileCheck.Outcome::passed))
        .append(",\n  \"results\": [");
    for (int i = 0; i < outcomes.size(); i++) {
      ProfileCheck.Outcome outcome = outcomes.get(i);
      out.append(i == 0 ? "\n" : ",\n").append("    {\n");
      out.append("      \"schema\": ").append(string(outcome.schema())).append(",\n");
      out.append("      \"profile\": ").append(string(outcome.profile())).append(",\n");
      out.append("      \"passed\": ").append(outcome.passed()).append(",\n");
      out.append("      \"provided\": [");
      for (int j = 0; j < outcome.provided().size(); j++) {
        out.append(j == 0 ? "" : ", ").append(string(outcome.provided().get(j)));
      }
      out.append("],\n      \"result\": ");
      // The core's document is complete JSON; indenting its lines keeps it readable and valid,
      // since a newline inside one of its strings is written as \n.
      out.append(outcome.json() == null ? "null" : outcome.json().strip().replace("\n", "\n      "));
      out.append("\n    }");
    }
    return out.append(outcomes.isEmpty() ? "]\n}\n" : "\n  ]\n}\n").toString();
  }

  /** Class and profile names and variable names need no escaping beyond this; still, be exact. */
  static String string(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c == '\u2028' || c == '\u2029') {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
