package dev.envelope;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code NAME} from the file that {@code NAME_FILE} points at: the Docker and Kubernetes
 * convention for secrets. One trailing newline is removed; setting both {@code NAME} and {@code
 * NAME_FILE}, or pointing at a file that cannot be read, is a problem.
 */
final class VarFiles {
  static final String SUFFIX = "_FILE";

  /**
   * A value read from a file.
   *
   * @param value the file's content, one trailing newline removed
   * @param origin {@code file /path}
   */
  record FileValue(String value, String origin) {}

  private VarFiles() {}

  /**
   * Returns the value of {@code name} from its {@code NAME_FILE}, or null if there is none or it
   * cannot be used; in that case a problem is added to {@code problems} (when not null).
   */
  static FileValue read(Map<String, String> environment, String name, List<Problem> problems) {
    String pointer = environment.get(name + SUFFIX);
    if (pointer == null || pointer.isEmpty()) {
      return null;
    }
    String direct = environment.get(name);
    if (direct != null && !direct.isEmpty()) {
      report(problems, new Problem(name, Problem.Kind.INVALID,
          "both " + name + " and " + name + SUFFIX + " are set; set only one", "environment"));
      return null;
    }
    try {
      String content = Files.readString(Path.of(pointer));
      if (content.endsWith("\r\n")) {
        content = content.substring(0, content.length() - 2);
      } else if (content.endsWith("\n")) {
        content = content.substring(0, content.length() - 1);
      }
      return new FileValue(content, "file " + pointer);
    } catch (IOException | RuntimeException e) {
      report(problems, new Problem(name, Problem.Kind.INVALID,
          name + SUFFIX + " points at a file that cannot be read (" + e.getClass().getSimpleName() + ")",
          "file " + pointer));
      return null;
    }
  }

  private static void report(List<Problem> problems, Problem problem) {
    if (problems != null) {
      problems.add(problem);
    }
  }
}
