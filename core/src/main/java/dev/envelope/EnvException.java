package dev.envelope;

import dev.envelope.internal.report.JsonReport;
import dev.envelope.internal.report.ProblemTable;
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
  private final List<Problem> warnings;

  /**
   * Creates an exception for {@code problems} found while loading {@code schema} in {@code profile}.
   *
   * @throws IllegalArgumentException if {@code problems} is empty
   */
  public EnvException(String schema, String profile, List<Problem> problems) {
    this(schema, profile, problems, List.of());
  }

  /**
   * Creates an exception for {@code problems}, with the {@code warnings} of the same load (unknown
   * keys outside strict mode), which often explain a problem: {@code S3_BUKET} set, {@code
   * S3_BUCKET} missing.
   *
   * @throws IllegalArgumentException if {@code problems} is empty
   */
  public EnvException(String schema, String profile, List<Problem> problems, List<Problem> warnings) {
    super(ProblemTable.format(schema, profile, problems, warnings), null, false, false);
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("an EnvException needs at least one problem");
    }
    this.schema = schema;
    this.profile = profile;
    this.problems = List.copyOf(problems);
    this.warnings = List.copyOf(warnings);
  }

  /**
   * Returns every problem: failures of whole sources first (a malformed {@code .env} file, a provider
   * that could not be read), then variables in schema order, then unknown keys.
   */
  public List<Problem> problems() {
    return problems;
  }

  /**
   * Returns the warnings of the failed load: keys set in sources the application owns that the
   * schema does not declare (outside strict mode, where they are problems instead).
   */
  public List<Problem> warnings() {
    return warnings;
  }

  /**
   * Returns the problems and warnings as a JSON document, for CI logs: the same schema as {@link
   * Report#toJson()} ({@code "valid": false}, no variables), described in {@code docs/ci.md}.
   */
  public String toJson() {
    return JsonReport.of(this);
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
