package dev.envelope.junit;

import java.util.LinkedHashMap;
import java.util.Map;

/** Parses {@code "NAME=value"} strings, as annotations take values. */
final class Assignments {
  private Assignments() {}

  /**
   * Returns the assignments as a map, later ones winning.
   *
   * @throws IllegalArgumentException if one has no {@code =} or an empty name; the message never
   *     shows the value part
   */
  static Map<String, String> parse(String... assignments) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String assignment : assignments) {
      int equals = assignment.indexOf('=');
      if (equals < 0) {
        // Without '=' there is no telling name from value, so nothing of it is shown.
        throw new IllegalArgumentException("a value must be written NAME=value; one of " + assignments.length + " has no '='");
      }
      String name = assignment.substring(0, equals).trim();
      if (name.isEmpty()) {
        throw new IllegalArgumentException("a value must be written NAME=value; one starts with '=' and has no name");
      }
      values.put(name, assignment.substring(equals + 1));
    }
    return values;
  }
}
