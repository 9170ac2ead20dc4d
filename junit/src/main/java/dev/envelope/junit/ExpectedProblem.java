package dev.envelope.junit;

import dev.envelope.Problem;
import java.util.Objects;

/**
 * Names a problem a test expects: the variable and the kind, without the message, so that a test
 * states what is wrong rather than how it is worded.
 *
 * @param variable the variable's name, as in {@link Problem#variable()}
 * @param kind the kind of problem
 */
public record ExpectedProblem(String variable, Problem.Kind kind) {
  /** Creates an expected problem. */
  public ExpectedProblem {
    Objects.requireNonNull(variable, "variable");
    Objects.requireNonNull(kind, "kind");
  }

  /** Returns the expected problem that {@code problem} matches. */
  static ExpectedProblem of(Problem problem) {
    return new ExpectedProblem(problem.variable(), problem.kind());
  }

  /** Returns {@code VARIABLE KIND}. */
  @Override
  public String toString() {
    return variable + " " + kind;
  }
}
