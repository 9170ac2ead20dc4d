package dev.envelope;

import java.util.Objects;
import java.util.Set;

/**
 * Tells a {@link LiveEnv} listener that a refresh swapped in a new record: the previous one, the
 * current one, and the names of the variables whose values or origins changed. {@link #toString()}
 * names variables, never values. Immutable.
 *
 * @param <T> the schema's type
 */
public final class EnvChange<T extends Record> {
  private final T previous;
  private final T current;
  private final Set<String> variables;

  EnvChange(T previous, T current, Set<String> variables) {
    this.previous = Objects.requireNonNull(previous, "previous");
    this.current = Objects.requireNonNull(current, "current");
    this.variables = Set.copyOf(variables);
  }

  /** Returns the record that was current before this change. */
  public T previous() {
    return previous;
  }

  /** Returns the record now current. */
  public T current() {
    return current;
  }

  /** Returns the names of the variables that changed, for example {@code DATABASE_PASSWORD}. */
  public Set<String> variables() {
    return variables;
  }

  /** Returns whether the variable {@code name} changed. */
  public boolean changed(String name) {
    return variables.contains(name);
  }

  /** Returns the schema and the changed variables' names; never a value. */
  @Override
  public String toString() {
    return "EnvChange[" + current.getClass().getSimpleName() + ": " + String.join(", ", new java.util.TreeSet<>(variables)) + "]";
  }
}
