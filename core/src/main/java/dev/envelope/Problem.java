package dev.envelope;

import java.util.Objects;

/**
 * Describes one thing wrong with the environment: which variable, what kind of problem, a message
 * for people, and where the value came from (or where it was looked for).
 *
 * <p>Messages never contain the value of a {@link Secret} variable, and never a provider's
 * credentials. Instances are immutable.
 *
 * @param variable the variable's name ({@code DATABASE_POOL_MIN}), a group's prefix with {@code *}
 *     ({@code DATABASE_*}) for a cross-field constraint, or a provider's name for a provider failure
 * @param kind what kind of problem this is
 * @param message what is wrong, for example {@code 'ten' is not an integer}
 * @param origin where the value came from ({@code .env.production:4}) or where it was looked for;
 *     empty when there is none
 * @param hint a suggestion to fix it, for example {@code did you mean DATABASE_URL?}; empty when
 *     there is none
 */
public record Problem(String variable, Kind kind, String message, String origin, String hint) {

  /** The kinds of problem. */
  public enum Kind {
    /** A required variable is set nowhere. */
    MISSING,
    /** A value could not be converted to the component's type. */
    INVALID,
    /**
     * A converted value violates a Jakarta Validation constraint, or comes from a source not allowed
     * for it (a secret from a {@code .env} file in production).
     */
    CONSTRAINT,
    /** A source the application owns sets a variable that the schema does not declare. */
    UNKNOWN,
    /** A provider could not be read. */
    PROVIDER,
    /** The schema itself is wrong (not a record, unsupported type, conflicting names, ...). */
    SCHEMA
  }

  /** Creates a problem; null {@code origin} and {@code hint} become empty strings. */
  public Problem {
    Objects.requireNonNull(variable, "variable");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
    origin = origin == null ? "" : origin;
    hint = hint == null ? "" : hint;
  }

  /** Creates a problem without a hint. */
  public Problem(String variable, Kind kind, String message, String origin) {
    this(variable, kind, message, origin, "");
  }

  /** Returns the problem as one line: variable, message, hint and origin. */
  @Override
  public String toString() {
    StringBuilder line = new StringBuilder(variable).append(": ").append(message);
    if (!hint.isEmpty()) {
      line.append(" — ").append(hint);
    }
    if (!origin.isEmpty()) {
      line.append(" (").append(origin).append(')');
    }
    return line.toString();
  }
}
