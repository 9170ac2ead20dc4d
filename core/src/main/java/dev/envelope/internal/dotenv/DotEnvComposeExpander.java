package dev.envelope.internal.dotenv;

import dev.envelope.Problem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Expands {@code .env} entries as {@code docker compose} does (compose-go's {@code template}
 * package): line by line, in the order the files are read, a reference seeing the environment first,
 * then the lines already read, in this file or an earlier one. So {@code A=1} then {@code A=${A}2}
 * gives {@code 12}, and a reference to a later line is unset. {@code $$} is a literal dollar; {@code
 * ${NAME<op>word}} takes the operators {@code :- - :+ + :? ?}. Single-use.
 */
public final class DotEnvComposeExpander {

  /** Unwinds the expansion of an entry whose {@code ?} reference failed; the issue is recorded. */
  private static final class Unresolvable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unresolvable() {
      super(null, null, false, false);
    }
  }

  private final Function<String, String> environment;
  private final Map<String, String> read = new HashMap<>();
  private final List<DotEnvIssue> problems = new ArrayList<>();
  private final List<DotEnvIssue> warnings = new ArrayList<>();
  private final Set<String> warned = new HashSet<>();
  private String source;
  private DotEnvEntry entry;
  private long total;

  private DotEnvComposeExpander(Function<String, String> environment) {
    this.environment = environment;
  }

  /**
   * Returns each file's values (key to value and line, in the order keys first appear, the last
   * line winning), reading the files in the given order: lowest precedence first, as {@code
   * --env-file} options are given.
   *
   * @throws DotEnvSyntaxException for an invalid reference or a breach of {@link DotEnvLimits}
   */
  static DotEnvExpansion expand(Map<String, List<DotEnvEntry>> lowestFirst, Function<String, String> environment) {
    DotEnvComposeExpander expander = new DotEnvComposeExpander(environment);
    Map<String, Map<String, DotEnvExpansion.Value>> byFile = new LinkedHashMap<>();
    for (Map.Entry<String, List<DotEnvEntry>> file : lowestFirst.entrySet()) {
      byFile.put(file.getKey(), expander.file(file.getKey(), file.getValue()));
    }
    return new DotEnvExpansion(byFile, expander.problems, expander.warnings);
  }

  private Map<String, DotEnvExpansion.Value> file(String name, List<DotEnvEntry> entries) {
    source = name;
    Map<String, DotEnvExpansion.Value> values = new LinkedHashMap<>();
    for (DotEnvEntry each : entries) {
      entry = each;
      String value;
      if (each.inherited()) {
        value = lookup(each.key());
      } else if (!each.expandable()) {
        value = each.rawValue();
      } else {
        try {
          value = substitute(each.rawValue(), 0);
        } catch (Unresolvable e) {
          value = null;
        }
      }
      if (value == null) {
        // Like Compose, a failed or unmatched line leaves the name as the lines before it set it.
        continue;
      }
      read.put(each.key(), value);
      values.put(each.key(), new DotEnvExpansion.Value(value, each.line()));
    }
    return values;
  }

  private String lookup(String name) {
    String value = environment.apply(name);
    return value != null ? value : read.get(name);
  }

  private String substitute(String template, int depth) {
    if (template.indexOf('$') < 0) {
      return template;
    }
    if (depth > DotEnvLimits.MAX_DEPTH) {
      throw error("references nest more than " + DotEnvLimits.MAX_DEPTH + " levels deep");
    }
    StringBuilder out = new StringBuilder(template.length());
    int i = 0;
    int n = template.length();
    while (i < n) {
      char c = template.charAt(i);
      char next = i + 1 < n ? template.charAt(i + 1) : 0;
      if (c != '$' || i + 1 >= n) {
        out.append(c);
        i++;
      } else if (next == '$') {
        out.append('$');
        i += 2;
      } else if (isNameStart(next)) {
        int end = nameEnd(template, i + 1);
        out.append(plain(template.substring(i + 1, end), false));
        i = end;
      } else if (next == '{') {
        i = braced(template, i, depth, out);
      } else {
        out.append('$');
        i++;
      }
      if (out.length() > DotEnvLimits.MAX_VALUE_LENGTH) {
        throw error(DotEnvLimits.valueTooLong(entry.key()));
      }
    }
    total += out.length();
    if (total > DotEnvLimits.MAX_TOTAL_LENGTH) {
      throw error(DotEnvLimits.totalTooLong(entry.key()));
    }
    return out.toString();
  }

  /**
   * Expands the {@code ${...}} at {@code start} into {@code out} and returns where scanning goes on.
   * As in compose-go, the word after an operator ends at the first balanced {@code }} (counted its
   * way), and must close on the same line.
   */
  private int braced(String template, int start, int depth, StringBuilder out) {
    int nameStart = start + 2;
    if (nameStart >= template.length() || !isNameStart(template.charAt(nameStart))) {
      throw invalid();
    }
    int nameEnd = nameEnd(template, nameStart);
    if (nameEnd >= template.length()) {
      throw invalid();
    }
    String name = template.substring(nameStart, nameEnd);
    if (template.charAt(nameEnd) == '}') {
      out.append(plain(name, true));
      return nameEnd + 1;
    }
    DotEnvTemplate.Operator operator = DotEnvTemplate.Operator.at(template, nameEnd);
    if (operator == null) {
      throw invalid();
    }
    int wordStart = nameEnd + operator.symbol.length();
    int lineEnd = template.indexOf('\n', wordStart);
    int last = template.lastIndexOf('}', (lineEnd < 0 ? template.length() : lineEnd) - 1);
    if (last < wordStart) {
      throw invalid();
    }
    int close = firstClosingBrace(template, start, last + 1);
    int end = close >= 0 ? close : last;
    out.append(apply(operator, name, template.substring(wordStart, end), depth));
    return end + 1;
  }

  private String apply(DotEnvTemplate.Operator operator, String name, String word, int depth) {
    String value = lookup(name);
    if (operator.required()) {
      if (operator.wordApplies(value)) {
        // The message is shown as written: expanding it could print another variable's value.
        String message = word.isEmpty() ? "" : ": " + word;
        problems.add(new DotEnvIssue(name, value == null ? Problem.Kind.MISSING : Problem.Kind.INVALID, source,
            entry.line(), (value == null ? "required but not set" : "required but empty")
                + " (needed by " + entry.key() + ")" + message));
        throw new Unresolvable();
      }
      return value;
    }
    if (operator.wordApplies(value)) {
      return substitute(word, depth + 1);
    }
    return operator.alternate() || value == null ? "" : value;
  }

  private String plain(String name, boolean braced) {
    String value = lookup(name);
    if (value == null) {
      if (warned.add(source + "\0" + entry.key() + "\0" + entry.line())) {
        warnings.add(DotEnvExpander.unresolved(entry.key(), name, braced, source, entry.line()));
      }
      return "";
    }
    return value;
  }

  /**
   * Returns the index of the {@code }} closing the {@code ${} at {@code from}, counting as compose-go
   * does (a {@code {} also skips the character after it), or -1.
   */
  private static int firstClosingBrace(String s, int from, int to) {
    int open = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '}') {
        open--;
        if (open == 0) {
          return i;
        }
      }
      if (c == '{') {
        open++;
        i++;
      }
    }
    return -1;
  }

  private static int nameEnd(String s, int from) {
    int end = from;
    while (end < s.length() && (isNameStart(s.charAt(end)) || (s.charAt(end) >= '0' && s.charAt(end) <= '9'))) {
      end++;
    }
    return end;
  }

  private static boolean isNameStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private DotEnvSyntaxException invalid() {
    return error("invalid reference in the value of " + entry.key() + ": '${' must be followed by a name and"
        + " '}' or an operator (:- - :+ + :? ?) and a word closed on the same line; write $$ for a literal $");
  }

  private DotEnvSyntaxException error(String detail) {
    return new DotEnvSyntaxException(source, entry.line(), entry.key(), detail);
  }
}
