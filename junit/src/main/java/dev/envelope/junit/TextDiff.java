package dev.envelope.junit;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Summarizes how two texts differ for a failure message: the common lines before and after are
 * skipped, the changed block is shown as {@code -} (committed) and {@code +} (generated) lines.
 */
final class TextDiff {
  private static final int MAX_LINES = 20;
  /** An uncommented {@code NAME=value} line: its value could be a secret someone committed. */
  private static final Pattern ASSIGNMENT = Pattern.compile("^(\\s*(?:export\\s+)?[A-Za-z_][A-Za-z0-9_.]*\\s*=)\\s*\\S.*$");

  private TextDiff() {}

  static String summary(String committed, String generated) {
    List<String> before = List.of(committed.split("\n", -1));
    List<String> after = List.of(generated.split("\n", -1));
    int start = 0;
    while (start < before.size() && start < after.size() && before.get(start).equals(after.get(start))) {
      start++;
    }
    int endBefore = before.size();
    int endAfter = after.size();
    while (endBefore > start && endAfter > start && before.get(endBefore - 1).equals(after.get(endAfter - 1))) {
      endBefore--;
      endAfter--;
    }
    StringBuilder out =
        new StringBuilder("  first difference at line ")
            .append(start + 1)
            .append(" (- committed, + generated):");
    lines(out, '-', before.subList(start, endBefore));
    lines(out, '+', after.subList(start, endAfter));
    return out.toString();
  }

  private static void lines(StringBuilder out, char sign, List<String> lines) {
    for (int i = 0; i < lines.size() && i < MAX_LINES; i++) {
      out.append("\n  ").append(sign).append(' ').append(masked(lines.get(i)));
    }
    if (lines.size() > MAX_LINES) {
      out.append("\n  ").append(sign).append(" ... ").append(lines.size() - MAX_LINES).append(" more lines");
    }
  }

  /** Masks the value of an uncommented assignment: a generated file never has one, an edited one might. */
  static String masked(String line) {
    return ASSIGNMENT.matcher(line).replaceFirst("$1****");
  }
}
