package dev.envelope.internal;

import dev.envelope.internal.DotEnvTemplate.Part;
import dev.envelope.internal.DotEnvTemplate.Reference;
import dev.envelope.internal.DotEnvTemplate.Text;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Expands {@code ${VAR}}, {@code $VAR}, {@code ${VAR:-default}}, {@code ${VAR-default}} and
 * {@code \$} in {@code .env} entries, following {@code dotenv-expand}: a reference resolves to the
 * environment's value if the environment has the name, else to the entry of that name (expanded in
 * turn), else to its default, else to "". A reference to the entry's own name sees only the
 * environment, so {@code PORT=${PORT:-3000}} is not a cycle.
 *
 * <p>Environment values are used as they are, never expanded: they are not {@code .env} syntax.
 * Single-quoted entries are not expanded. Instances are single-use; {@link #expand} is thread-safe.
 */
public final class DotEnvExpander {
  static final String NAME_CHARS = "a name is made of ASCII letters, digits, '_' and '.'";

  /** Bounds recursion, so a long reference chain fails with a message instead of a stack overflow. */
  static final int MAX_DEPTH = 100;

  private final Map<String, DotEnvEntry> entries;
  private final Map<String, String> sources;
  private final Function<String, String> environment;
  private final Map<String, DotEnvTemplate> templates = new HashMap<>();
  private final Map<String, String> expanded = new HashMap<>();
  private final List<String> expanding = new ArrayList<>();

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
   *     names every variable of the cycle) or nest more than {@value #MAX_DEPTH} deep
   * @throws IllegalArgumentException if a key of {@code entries} differs from its entry's key or has
   *     no source
   */
  public static Map<String, String> expand(
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
    return new DotEnvExpander(entries, sources, environment).expandAll();
  }

  private Map<String, String> expandAll() {
    for (DotEnvEntry entry : entries.values()) {
      if (!literal(entry)) {
        templates.put(entry.key(), template(entry));
      }
    }
    Map<String, String> result = new LinkedHashMap<>();
    for (String key : entries.keySet()) {
      result.put(key, valueOf(key));
    }
    return Collections.unmodifiableMap(result);
  }

  /**
   * Returns whether the entry's value is its raw value: single-quoted, or without a reference or an
   * escape to expand. (Most values are; they need no template, nor its classes at a cold start.)
   */
  private static boolean literal(DotEnvEntry entry) {
    String raw = entry.rawValue();
    return !entry.expandable() || (raw.indexOf('$') < 0 && raw.indexOf('\\') < 0);
  }

  private DotEnvTemplate template(DotEnvEntry entry) {
    try {
      return DotEnvTemplate.parse(entry.rawValue());
    } catch (DotEnvTemplate.Malformed e) {
      throw error(entry.key(), "invalid reference in the value of " + entry.key() + ": " + e.getMessage()
          + "; write \\$ for a literal $, or single-quote the value");
    }
  }

  /** Returns the expanded value of the entry {@code key}. */
  private String valueOf(String key) {
    DotEnvEntry entry = entries.get(key);
    if (literal(entry)) {
      return entry.rawValue();
    }
    String done = expanded.get(key);
    if (done != null) {
      return done;
    }
    int start = expanding.indexOf(key);
    if (start >= 0) {
      throw cycle(expanding.subList(start, expanding.size()));
    }
    if (expanding.size() >= MAX_DEPTH) {
      throw error(expanding.get(0), "references nested more than " + MAX_DEPTH
          + " levels deep, starting at " + expanding.get(0));
    }
    expanding.add(key);
    String value = render(templates.get(key));
    expanding.remove(expanding.size() - 1);
    expanded.put(key, value);
    return value;
  }

  private String render(DotEnvTemplate template) {
    StringBuilder value = new StringBuilder();
    for (Part part : template.parts) {
      if (part instanceof Text text) {
        value.append(text.text());
      } else {
        value.append(resolve((Reference) part));
      }
    }
    return value.toString();
  }

  private String resolve(Reference reference) {
    String name = reference.name();
    String value = environment.apply(name);
    // As in the shell, PORT=${PORT:-3000} refers to the value PORT had before this line: the
    // environment's. Only a reference to another entry may reach into the entries.
    boolean self = name.equals(expanding.get(expanding.size() - 1));
    if (value == null && !self && entries.containsKey(name)) {
      value = valueOf(name);
    }
    boolean useDefault = switch (reference.when()) {
      case NEVER -> false;
      case UNSET -> value == null;
      case UNSET_OR_EMPTY -> value == null || value.isEmpty();
    };
    if (useDefault) {
      return render(reference.fallback());
    }
    return value == null ? "" : value;
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
