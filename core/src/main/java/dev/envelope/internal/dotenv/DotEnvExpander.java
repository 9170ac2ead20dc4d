package dev.envelope.internal.dotenv;

import dev.envelope.Problem;
import dev.envelope.internal.dotenv.DotEnvTemplate.Operator;
import dev.envelope.internal.dotenv.DotEnvTemplate.Part;
import dev.envelope.internal.dotenv.DotEnvTemplate.Reference;
import dev.envelope.internal.dotenv.DotEnvTemplate.Text;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Expands {@code ${VAR}}, {@code $VAR}, {@code ${VAR<op>word}} ({@code :- - :+ + :? ?}) and {@code
 * \$} in {@code .env} entries, following {@code dotenv-expand}: a reference resolves to the
 * environment's value if the environment has the name, else to the entry of that name (expanded in
 * turn), else it is unset. A reference to the entry's own name sees only the environment, so {@code
 * PORT=${PORT:-3000}} is not a cycle.
 *
 * <p>Environment values are used as they are, never expanded: they are not {@code .env} syntax.
 * Single-quoted entries are not expanded. Instances are single-use; {@link #expand} is thread-safe.
 */
public final class DotEnvExpander {
  static final String NAME_CHARS = "a name is made of ASCII letters, digits, '_' and '.'";

  /** Bounds recursion, so a long reference chain fails with a message instead of a stack overflow. */
  static final int MAX_DEPTH = DotEnvLimits.MAX_DEPTH;

  /** The outcome: the values, and what kept some entries from having one. */
  record Result(Map<String, String> values, List<DotEnvIssue> problems, List<DotEnvIssue> warnings) {}

  /** Unwinds the expansion of an entry whose {@code ?} reference failed; the issue is recorded. */
  private static final class Unresolvable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unresolvable() {
      super(null, null, false, false);
    }
  }

  private final Map<String, DotEnvEntry> entries;
  private final Map<String, String> sources;
  private final Function<String, String> environment;
  private final Map<String, DotEnvTemplate> templates = new HashMap<>();
  private final Map<String, String> expanded = new HashMap<>();
  private final Set<String> failed = new HashSet<>();
  private final Set<String> warned = new HashSet<>();
  private final List<String> expanding = new ArrayList<>();
  private final List<DotEnvIssue> problems = new ArrayList<>();
  private final List<DotEnvIssue> warnings = new ArrayList<>();
  private int depth;
  private long total;

  private DotEnvExpander(
      Map<String, DotEnvEntry> entries, Map<String, String> sources, Function<String, String> environment) {
    this.entries = entries;
    this.sources = sources;
    this.environment = environment;
  }

  /**
   * Returns the expanded value of every entry, in the iteration order of {@code entries}, as an
   * unmodifiable map.
   *
   * @param entries the winning entry per key of one or more merged files, keyed by its key
   * @param sources the file each key comes from, for error messages (e.g. {@code .env.local})
   * @param environment returns the process environment's value of a name, or null if it is unset
   * @throws DotEnvSyntaxException if a reference is malformed, references form a cycle (the message
   *     names every variable of the cycle), nest more than {@value #MAX_DEPTH} deep or expand past the
   *     size limits, or a {@code ?} reference's variable is unset
   * @throws IllegalArgumentException if a key of {@code entries} differs from its entry's key or has
   *     no source
   */
  public static Map<String, String> expand(
      Map<String, DotEnvEntry> entries, Map<String, String> sources, Function<String, String> environment) {
    Result result = expandAll(entries, sources, environment);
    if (!result.problems().isEmpty()) {
      throw result.problems().get(0).toException();
    }
    return result.values();
  }

  /**
   * Returns the expanded values, leaving out entries whose {@code ?} reference failed (each with a
   * problem), and a warning per entry that refers to a name set nowhere.
   *
   * @throws DotEnvSyntaxException as {@link #expand}, except for failed {@code ?} references
   */
  static Result expandAll(
      Map<String, DotEnvEntry> entries, Map<String, String> sources, Function<String, String> environment) {
    Objects.requireNonNull(environment, "environment");
    for (Map.Entry<String, DotEnvEntry> each : entries.entrySet()) {
      String key = each.getKey();
      if (!key.equals(each.getValue().key())) {
        throw new IllegalArgumentException("entry " + each.getValue().key() + " is filed under " + key);
      }
      if (sources.get(key) == null) {
        throw new IllegalArgumentException("no source given for " + key);
      }
    }
    return new DotEnvExpander(entries, sources, environment).run();
  }

  private Result run() {
    for (DotEnvEntry entry : entries.values()) {
      if (!literal(entry)) {
        templates.put(entry.key(), template(entry));
      }
    }
    Map<String, String> result = new LinkedHashMap<>();
    for (String key : entries.keySet()) {
      String value = valueOf(key);
      if (value != null) {
        result.put(key, value);
      }
    }
    return new Result(Collections.unmodifiableMap(result), List.copyOf(problems), List.copyOf(warnings));
  }

  /**
   * Returns whether the entry's value is its raw value: single-quoted, or without a reference or an
   * escape to expand. (Most values are, and need no template.)
   */
  private static boolean literal(DotEnvEntry entry) {
    return entry.literal();
  }

  private DotEnvTemplate template(DotEnvEntry entry) {
    try {
      return DotEnvTemplate.parse(entry.rawValue());
    } catch (DotEnvTemplate.Malformed e) {
      throw error(entry.key(), "invalid reference in the value of " + entry.key() + ": " + e.getMessage()
          + "; write \\$ for a literal $, or single-quote the value");
    }
  }

  /** Returns the expanded value of the entry {@code key}, or null if a {@code ?} reference failed. */
  private String valueOf(String key) {
    DotEnvEntry entry = entries.get(key);
    if (literal(entry)) {
      return entry.rawValue();
    }
    String done = expanded.get(key);
    if (done != null || failed.contains(key)) {
      return done;
    }
    int start = expanding.indexOf(key);
    if (start >= 0) {
      throw cycle(expanding.subList(start, expanding.size()));
    }
    int level = depth;
    enter();
    expanding.add(key);
    String value;
    try {
      value = render(templates.get(key));
    } catch (Unresolvable e) {
      failed.add(key);
      value = null;
    }
    expanding.remove(expanding.size() - 1);
    depth = level;
    if (value != null) {
      total += value.length();
      if (total > DotEnvLimits.MAX_TOTAL_LENGTH) {
        throw error(key, DotEnvLimits.totalTooLong(key));
      }
      expanded.put(key, value);
    }
    return value;
  }

  private void enter() {
    if (++depth > MAX_DEPTH) {
      throw error(expanding.get(0), "references nested more than " + MAX_DEPTH
          + " levels deep, starting at " + expanding.get(0));
    }
  }

  private String render(DotEnvTemplate template) {
    StringBuilder value = new StringBuilder();
    for (Part part : template.parts) {
      value.append(part instanceof Text text ? text.text() : resolve((Reference) part));
      if (value.length() > DotEnvLimits.MAX_VALUE_LENGTH) {
        String key = current();
        throw error(key, DotEnvLimits.valueTooLong(key));
      }
    }
    return value.toString();
  }

  private String current() {
    return expanding.get(expanding.size() - 1);
  }

  private String resolve(Reference reference) {
    String name = reference.name();
    String value = environment.apply(name);
    // As in the shell, PORT=${PORT:-3000} refers to the value PORT had before this line: the
    // environment's. Only a reference to another entry may reach into the entries.
    boolean self = name.equals(current());
    if (value == null && !self && entries.containsKey(name)) {
      value = valueOf(name);
    }
    Operator operator = reference.operator();
    if (operator == Operator.NONE) {
      if (value == null && !entries.containsKey(name)) {
        warnUnresolved(reference);
      }
      return value == null ? "" : value;
    }
    if (operator.required()) {
      if (operator.wordApplies(value)) {
        required(reference, value == null);
      }
      return value;
    }
    if (operator.wordApplies(value)) {
      enter();
      String word = render(reference.word());
      depth--;
      return word;
    }
    return operator.alternate() || value == null ? "" : value;
  }

  private void required(Reference reference, boolean unset) {
    String key = current();
    DotEnvEntry entry = entries.get(key);
    String message = reference.wordText().isEmpty() ? "" : ": " + reference.wordText();
    problems.add(new DotEnvIssue(reference.name(), unset ? Problem.Kind.MISSING : Problem.Kind.INVALID,
        sources.get(key), entry.line(),
        (unset ? "required but not set" : "required but empty") + " (needed by " + key + ")" + message));
    throw new Unresolvable();
  }

  private void warnUnresolved(Reference reference) {
    String key = current();
    if (warned.add(key)) {
      warnings.add(unresolved(key, reference.name(), reference.braced(), sources.get(key), entries.get(key).line()));
    }
  }

  /**
   * Returns the warning for a reference to a name set nowhere. Only a braced name is quoted: a bare
   * {@code $} followed by letters is as likely to sit inside a generated password.
   */
  static DotEnvIssue unresolved(String key, String name, boolean braced, String source, int line) {
    String what = braced ? "refers to ${" + name + "}, which is set nowhere" : "holds a $ reference to a name set nowhere";
    return new DotEnvIssue(key, Problem.Kind.INVALID, source, line,
        what + ", so it expands to empty; write \\$ for a literal $, or single-quote the value");
  }

  /**
   * Builds the error for {@code cycle} (each key refers to the next, the last to the first); it has at
   * least two keys, since a self-reference is not a cycle.
   */
  private DotEnvSyntaxException cycle(List<String> cycle) {
    String first = cycle.get(0);
    StringBuilder detail = new StringBuilder("reference cycle ");
    for (String key : cycle) {
      detail.append(key).append(" -> ");
    }
    detail.append(first);
    List<String> others = new ArrayList<>();
    for (String key : cycle.subList(1, cycle.size())) {
      others.add(key + " at " + sources.get(key) + ":" + entries.get(key).line());
    }
    detail.append(" (").append(String.join(", ", others)).append(')');
    return error(first, detail.toString());
  }

  private DotEnvSyntaxException error(String key, String detail) {
    return new DotEnvSyntaxException(sources.get(key), entries.get(key).line(), key, detail);
  }
}
