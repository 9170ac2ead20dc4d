package dev.envelope;

import java.util.List;

/**
 * Thrown when the environment does not satisfy the schema; carries every problem found in one pass.
 *
 * <p>The message is a table meant for people (one line per problem: variable, what is wrong, where
 * the value came from); {@link #problems()} gives the same as data. Neither contains the value of a
 * {@link Secret} variable.
 */
public final class EnvException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String schema;
  private final String profile;
  private final List<Problem> problems;

  /**
   * Creates an exception for {@code problems} found while loading {@code schema} in {@code profile}.
   *
   * @throws IllegalArgumentException if {@code problems} is empty
   */
  public EnvException(String schema, String profile, List<Problem> problems) {
    super(ProblemTable.format(schema, profile, problems), null, false, false);
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("an EnvException needs at least one problem");
    }
    this.schema = schema;
    this.profile = profile;
    this.problems = List.copyOf(problems);
  }

  /**
   * Returns every problem: failures of whole sources first (a malformed {@code .env} file, a provider
   * that could not be read), then variables in schema order, then unknown keys.
   */
  public List<Problem> problems() {
    return problems;
  }

  /** Returns the simple name of the schema that failed to load. */
  public String schema() {
    return schema;
  }

  /** Returns the name of the active profile. */
  public String profile() {
    return profile;
  }
}
