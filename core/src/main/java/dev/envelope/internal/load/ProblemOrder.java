package dev.envelope.internal.load;

import dev.envelope.Problem;
import dev.envelope.internal.schema.Names;
import dev.envelope.internal.schema.Schema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Puts a failed load's problems in the order people read them, with "did you mean" hints. */
final class ProblemOrder {
  private ProblemOrder() {}

  /** Adds "did you mean" hints to missing variables whose name is close to an unknown key that was set. */
  static List<Problem> hinted(List<Problem> problems, List<Problem> unknown) {
    if (unknown.isEmpty()) {
      return problems;
    }
    List<String> names = new ArrayList<>(unknown.size());
    for (Problem key : unknown) {
      names.add(key.variable());
    }
    List<Problem> hinted = new ArrayList<>(problems.size());
    for (Problem problem : problems) {
      Problem closest = null;
      if (problem.kind() == Problem.Kind.MISSING && problem.hint().isEmpty()) {
        String name = Names.closest(problem.variable(), names);
        closest = name == null ? null : unknown.get(names.indexOf(name));
      }
      hinted.add(closest == null ? problem : new Problem(problem.variable(), problem.kind(), problem.message(),
          problem.origin(), "did you mean " + closest.variable() + ", set in " + closest.origin() + "?"));
    }
    return hinted;
  }

  /** Orders problems in schema order; group-level and unknown-key problems follow. */
  static List<Problem> ordered(List<Problem> problems, Schema schema) {
    Map<String, Integer> position = new LinkedHashMap<>();
    for (Schema.Variable variable : schema.variables()) {
      position.putIfAbsent(variable.name(), position.size());
    }
    List<Problem> sorted = new ArrayList<>(problems);
    sorted.sort(
        Comparator.comparingInt((Problem p) -> position.getOrDefault(p.variable(), Integer.MAX_VALUE)));
    return sorted;
  }
}
