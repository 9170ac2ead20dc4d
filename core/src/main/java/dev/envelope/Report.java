package dev.envelope;

import dev.envelope.internal.report.JsonReport;
import dev.envelope.internal.report.ProblemTable;
import java.util.List;
import java.util.Objects;

/**
 * Describes a successful load: for every declared variable its origin, its value (masked for
 * secrets), and the candidates it shadowed; plus the warnings and provider notes of the load.
 *
 * <p>{@link #toString()} is a table for people; the accessors give the same as data. No secret value
 * appears in either. Immutable.
 */
public final class Report {
  private final String schema;
  private final Profile profile;
  private final List<Variable> variables;
  private final List<Problem> warnings;
  private final List<String> notes;

  Report(String schema, Profile profile, List<Variable> variables, List<Problem> warnings, List<String> notes) {
    this.schema = schema;
    this.profile = profile;
    this.variables = List.copyOf(variables);
    this.warnings = List.copyOf(warnings);
    this.notes = List.copyOf(notes);
  }

  /** Returns the simple name of the schema. */
  public String schema() {
    return schema;
  }

  /** Returns the active profile. */
  public Profile profile() {
    return profile;
  }

  /** Returns every declared variable, in schema order. */
  public List<Variable> variables() {
    return variables;
  }

  /** Returns the variable named {@code name}, if the schema declares it. */
  public java.util.Optional<Variable> variable(String name) {
    return variables.stream().filter(v -> v.name().equals(name)).findFirst();
  }

  /**
   * Returns the warnings, outside strict mode: unknown keys, and {@code .env} references to names set
   * nowhere.
   */
  public List<Problem> warnings() {
    return warnings;
  }

  /** Returns the providers' notes, for example that values came from a fallback file. */
  public List<String> notes() {
    return notes;
  }

  /**
   * Returns the report as a JSON document, for CI and other tools: the schema in {@code docs/ci.md}
   * ({@code "schemaVersion": 1}), with the same masked values as {@link #toString()}.
   */
  public String toJson() {
    return JsonReport.of(this);
  }

  /** Returns the report as an aligned table: variable, shown value, origin, shadowed sources. */
  @Override
  public String toString() {
    int nameWidth = "VARIABLE".length();
    int valueWidth = "VALUE".length();
    for (Variable variable : variables) {
      nameWidth = Math.max(nameWidth, variable.name().length());
      valueWidth = Math.max(valueWidth, variable.value().length());
    }
    StringBuilder out =
        new StringBuilder("Environment for ").append(schema).append(" (profile ").append(profile).append(")\n");
    out.append("  ")
        .append(ProblemTable.pad("VARIABLE", nameWidth))
        .append("  ")
        .append(ProblemTable.pad("VALUE", valueWidth))
        .append("  ORIGIN");
    for (Variable variable : variables) {
      out.append("\n  ")
          .append(ProblemTable.pad(variable.name(), nameWidth))
          .append("  ")
          .append(ProblemTable.pad(variable.value(), valueWidth))
          .append("  ")
          .append(variable.origin());
      if (!variable.shadowed().isEmpty()) {
        out.append(" (shadows ").append(String.join(", ", variable.shadowed())).append(')');
      }
    }
    for (Problem warning : warnings) {
      out.append("\n  warning: ").append(warning);
    }
    for (String note : notes) {
      out.append("\n  note: ").append(note);
    }
    return out.toString();
  }

  /**
   * One declared variable of a successful load.
   *
   * @param name the variable's name
   * @param value the value as shown to people: {@code ****} for secrets, shortened if long, {@code
   *     (unset)} for an empty optional
   * @param origin where the value came from: {@code environment}, {@code .env.production:12}, {@code
   *     default}, a provider's origin, or {@code (unset)}
   * @param secret whether the variable is a {@link Secret}
   * @param shadowed the origins of lower-precedence sources that also set the variable
   */
  public record Variable(String name, String value, String origin, boolean secret, List<String> shadowed) {
    /** Creates a variable; {@code shadowed} is copied. */
    public Variable {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(origin, "origin");
      shadowed = List.copyOf(shadowed);
    }
  }
}
