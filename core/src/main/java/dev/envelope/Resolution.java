package dev.envelope;

import java.util.Map;
import java.util.Objects;

/**
 * Holds a loaded record together with the {@link Report} of how it was resolved. Immutable.
 *
 * @param <T> the schema's type
 */
public final class Resolution<T> {
  private final T value;
  private final Report report;
  /** Each variable's text, to tell which variables a refresh changed; never printed. */
  final Map<String, String> texts;

  Resolution(T value, Report report, Map<String, String> texts) {
    this.value = Objects.requireNonNull(value, "value");
    this.report = Objects.requireNonNull(report, "report");
    this.texts = texts;
  }

  /** Returns the loaded, validated record. */
  public T value() {
    return value;
  }

  /** Returns where each value came from, and the warnings of the load. */
  public Report report() {
    return report;
  }

  /** Returns the report's table; the record's own {@code toString} masks secrets too. */
  @Override
  public String toString() {
    return report.toString();
  }
}
