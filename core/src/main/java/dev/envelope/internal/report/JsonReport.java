package dev.envelope.internal.report;

import dev.envelope.EnvException;
import dev.envelope.Problem;
import dev.envelope.Report;
import java.util.List;

/**
 * Writes a {@link Report} or an {@link EnvException} as JSON, in the schema documented in {@code
 * docs/ci.md} ({@value #SCHEMA_VERSION}): both forms have the same top-level keys, so a consumer reads
 * one shape whether the load passed or failed.
 *
 * <p>A hand-written writer rather than a JSON library: the core's only dependencies are SmallRye Config
 * and Hibernate Validator, the output is a fixed tree of strings, booleans and arrays, and escaping is
 * the one part that needs care. Values are the report's, already masked, so no secret can reach it.
 */
public final class JsonReport {
  /** Raised only when a field is added, renamed or changes meaning. */
  static final int SCHEMA_VERSION = 1;

  private final StringBuilder out = new StringBuilder();
  private int depth;
  /** Whether the container being written already holds an element, so the next needs a comma. */
  private boolean needsComma;

  private JsonReport() {}

  public static String of(Report report) {
    return new JsonReport().document(report.schema(), report.profile().name(), true, report.variables(), List.of(),
        report.warnings(), report.notes());
  }

  public static String of(EnvException e) {
    return new JsonReport().document(e.schema(), e.profile(), false, List.of(), e.problems(), e.warnings(), List.of());
  }

  private String document(String schema, String profile, boolean valid, List<Report.Variable> variables,
      List<Problem> problems, List<Problem> warnings, List<String> notes) {
    open('{');
    key("schemaVersion").out.append(SCHEMA_VERSION);
    key("schema").string(schema);
    key("profile").string(profile);
    key("valid").out.append(valid);
    key("variables").open('[');
    for (Report.Variable variable : variables) {
      element().open('{');
      key("name").string(variable.name());
      key("value").string(variable.value());
      key("origin").string(variable.origin());
      key("secret").out.append(variable.secret());
      key("shadowed").strings(variable.shadowed());
      close('}');
    }
    close(']');
    key("problems").problems(problems);
    key("warnings").problems(warnings);
    key("notes").strings(notes);
    close('}');
    return out.append('\n').toString();
  }

  private void problems(List<Problem> problems) {
    open('[');
    for (Problem problem : problems) {
      element().open('{');
      key("variable").string(problem.variable());
      key("kind").string(problem.kind().name());
      key("message").string(problem.message());
      key("origin").string(problem.origin());
      key("hint").string(problem.hint());
      close('}');
    }
    close(']');
  }

  private void strings(List<String> values) {
    open('[');
    for (String value : values) {
      element().string(value);
    }
    close(']');
  }

  private void open(char bracket) {
    out.append(bracket);
    depth++;
    needsComma = false;
  }

  /** Closes a container; an empty one stays on its line ({@code []}), a full one closes on its own. */
  private void close(char bracket) {
    depth--;
    if (needsComma) {
      newline();
    }
    out.append(bracket);
    needsComma = true;
  }

  private JsonReport element() {
    if (needsComma) {
      out.append(',');
    }
    newline();
    needsComma = true;
    return this;
  }

  private JsonReport key(String name) {
    element().string(name);
    out.append(": ");
    return this;
  }

  private void newline() {
    out.append('\n').append("  ".repeat(depth));
  }

  private void string(String value) {
    escape(value, out);
  }

  /**
   * Appends {@code value} as a JSON string (RFC 8259, section 7): quote, backslash and every control
   * character escaped; also U+2028 and U+2029, which end lines in JavaScript, and unpaired surrogates,
   * which have no UTF-8 encoding and would otherwise be written as {@code ?}.
   */
  static void escape(String value, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029' || c == 0x7f) {
            unicode(c, out);
          } else if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
            out.append(c).append(value.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            unicode(c, out);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static void unicode(char c, StringBuilder out) {
    out.append(String.format("\\u%04x", (int) c));
  }
}
