package dev.envelope.junit;

import dev.envelope.EnvException;
import dev.envelope.Problem;
import dev.envelope.Resolution;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.opentest4j.AssertionFailedError;

/**
 * Assertions that load a schema hermetically, from an {@link EnvInput} only, and fail with the
 * problem table. Usable from any test, with or without {@link EnvTest}.
 *
 * <p>Failures are {@link AssertionFailedError}s whose messages show the variables, the kinds of
 * problem and Envelope's problem table, which never contains a secret's value; the input values
 * themselves are never printed.
 */
public final class EnvAssertions {
  private EnvAssertions() {}

  /**
   * Loads {@code schema} for {@code profile} with {@code values} as the whole environment, and returns
   * the record.
   *
   * @throws AssertionFailedError if the load fails; the message is the problem table
   */
  public static <T extends Record> T assertLoads(Class<T> schema, String profile, Map<String, String> values) {
    return assertLoads(schema, EnvInput.profile(profile).values(values));
  }

  /**
   * Loads {@code schema} from {@code input} and returns the record.
   *
   * @throws AssertionFailedError if the load fails; the message is the problem table
   */
  public static <T extends Record> T assertLoads(Class<T> schema, EnvInput input) {
    return assertResolves(schema, input).value();
  }

  /**
   * Loads {@code schema} from {@code input} and returns the record with its report.
   *
   * @throws AssertionFailedError if the load fails; the message is the problem table
   */
  public static <T extends Record> Resolution<T> assertResolves(Class<T> schema, EnvInput input) {
    Objects.requireNonNull(schema, "schema");
    try {
      return HermeticLoad.resolve(schema, input);
    } catch (EnvException e) {
      throw new AssertionFailedError("Expected " + schema.getSimpleName() + " to load, but:\n" + e.getMessage(), e);
    }
  }

  /**
   * Loads {@code schema} from {@code input}, expecting it to fail, and returns the exception for
   * further checks.
   *
   * @throws AssertionFailedError if the load succeeds; the message is the report, secrets masked
   */
  public static EnvException assertFails(Class<? extends Record> schema, EnvInput input) {
    Objects.requireNonNull(schema, "schema");
    Resolution<?> resolution;
    try {
      resolution = HermeticLoad.resolve(schema, input);
    } catch (EnvException e) {
      return e;
    }
    throw new AssertionFailedError(
        "Expected " + schema.getSimpleName() + " to fail to load, but it loaded:\n" + resolution.report());
  }

  /**
   * Loads {@code schema} from {@code input} and asserts that it fails with exactly the {@code
   * expected} problems, in any order; returns the exception.
   *
   * @throws AssertionFailedError if the load succeeds, or fails with other problems; the message
   *     lists what was missing and what was unexpected, then the problem table
   */
  public static EnvException assertProblems(Class<? extends Record> schema, EnvInput input, ExpectedProblem... expected) {
    EnvException failure = assertFails(schema, input);
    assertProblems(failure, expected);
    return failure;
  }

  /**
   * Asserts that {@code failure} holds exactly the {@code expected} problems, in any order; for an
   * exception received from {@link EnvTest}.
   *
   * @throws AssertionFailedError if the problems differ
   */
  public static void assertProblems(EnvException failure, ExpectedProblem... expected) {
    List<ExpectedProblem> actual = new ArrayList<>();
    for (Problem problem : failure.problems()) {
      actual.add(ExpectedProblem.of(problem));
    }
    List<ExpectedProblem> missing = new ArrayList<>(List.of(expected));
    List<ExpectedProblem> unexpected = new ArrayList<>();
    for (ExpectedProblem problem : actual) {
      if (!missing.remove(problem)) {
        unexpected.add(problem);
      }
    }
    if (missing.isEmpty() && unexpected.isEmpty()) {
      return;
    }
    StringBuilder message =
        new StringBuilder("Expected exactly ")
            .append(expected.length)
            .append(expected.length == 1 ? " problem" : " problems")
            .append(" for ")
            .append(failure.schema())
            .append(" (profile ")
            .append(failure.profile())
            .append(')');
    list(message, "not reported", missing);
    list(message, "not expected", unexpected);
    message.append('\n').append(failure.getMessage());
    throw new AssertionFailedError(message.toString(), lines(List.of(expected)), lines(actual), failure);
  }

  /** Returns the expected problem {@code variable}/{@code kind}, for {@link #assertProblems}. */
  public static ExpectedProblem problem(String variable, Problem.Kind kind) {
    return new ExpectedProblem(variable, kind);
  }

  private static void list(StringBuilder message, String heading, List<ExpectedProblem> problems) {
    if (!problems.isEmpty()) {
      message.append("\n  ").append(heading).append(':');
      for (ExpectedProblem problem : problems) {
        message.append("\n    ").append(problem);
      }
    }
  }

  /** Returns the problems one per line, sorted, so that an IDE's diff lines them up. */
  private static String lines(List<ExpectedProblem> problems) {
    List<ExpectedProblem> sorted = new ArrayList<>(problems);
    sorted.sort(Comparator.comparing(ExpectedProblem::variable).thenComparing(ExpectedProblem::kind));
    StringBuilder out = new StringBuilder();
    for (ExpectedProblem problem : sorted) {
      out.append(problem).append('\n');
    }
    return out.toString();
  }
}
