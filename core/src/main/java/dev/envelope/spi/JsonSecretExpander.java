package dev.envelope.spi;

import dev.envelope.internal.sources.JsonObjectReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Expands a secret whose value is a JSON object into one variable per key, by the same rules for
 * every provider: the key {@code password} becomes {@code PASSWORD}, {@code dbInstanceIdentifier}
 * becomes {@code DB_INSTANCE_IDENTIFIER} and {@code db-name} becomes {@code DB_NAME} (see {@link
 * #variableName}), each under an optional prefix; strings, numbers (as written) and booleans become
 * values, {@code null} is skipped, and an object or array, or two keys that become one name, are
 * problems.
 *
 * <p>Problems never contain the secret's text, not even around a syntax error. The caller prefixes
 * them with the secret's name and builds origins from {@link Variable#key()}.
 */
public final class JsonSecretExpander {
  private JsonSecretExpander() {}

  /**
   * One variable of an expanded secret.
   *
   * @param name the variable's name, prefix included
   * @param key the JSON key it came from, for its origin ({@code prod/db#password})
   * @param value its value
   */
  public record Variable(String name, String key, String value) {
    /** Returns the name and key; never the value. */
    @Override
    public String toString() {
      return "Variable[" + name + " from key " + key + "]";
    }
  }

  /**
   * What a secret expanded into.
   *
   * @param variables the variables, in the order of their keys
   * @param problems what is wrong with the secret, in words fit for people and without any value
   */
  public record Expansion(List<Variable> variables, List<String> problems) {
    /** Copies both lists. */
    public Expansion {
      variables = List.copyOf(variables);
      problems = List.copyOf(problems);
    }
  }

  /**
   * Expands {@code text}, the value of a secret, into variables named {@code prefix} + {@link
   * #variableName}(key). {@code wholeValueHint} ends the problems that arise when the secret is not a
   * JSON object: it says how to read the secret whole into one variable, for example {@code " (name=
   * VARIABLE in the URI)"}.
   */
  public static Expansion expand(String text, String prefix, String wholeValueHint) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(prefix, "prefix");
    List<String> problems = new ArrayList<>();
    if (!text.stripLeading().startsWith("{")) {
      problems.add("the secret is a plain string, not a JSON object of keys and values;"
          + " name the variable that should hold it" + wholeValueHint);
      return new Expansion(List.of(), problems);
    }
    List<JsonObjectReader.Member> members;
    try {
      members = JsonObjectReader.read(text);
    } catch (JsonObjectReader.MalformedJson e) {
      problems.add("the secret is not valid JSON, so it cannot be expanded into variables (" + e.getMessage()
          + "; the value is not shown); fix the secret, or read it whole into one variable" + wholeValueHint);
      return new Expansion(List.of(), problems);
    }
    List<Variable> variables = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (JsonObjectReader.Member member : members) {
      String name = prefix + variableName(member.key());
      if (!names.add(name)) {
        problems.add("two keys become the variable " + name + "; rename one of them");
      } else if (member.structured()) {
        problems.add("key " + member.key()
            + " holds a JSON object or array; only strings, numbers and booleans become variables");
      } else if (member.value() != null) {
        variables.add(new Variable(name, member.key(), member.value()));
      }
    }
    return new Expansion(variables, problems);
  }

  /**
   * Returns the variable name for a JSON key: upper case, with an underscore at each lower-to-upper
   * case change and in place of every character that is not an ASCII letter or digit, so that {@code
   * PASSWORD} stays {@code PASSWORD}, {@code dbInstanceIdentifier} becomes {@code
   * DB_INSTANCE_IDENTIFIER} and {@code db-name} becomes {@code DB_NAME}.
   */
  public static String variableName(String key) {
    StringBuilder name = new StringBuilder(key.length() + 4);
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (!isAsciiLetterOrDigit(c)) {
        name.append('_');
        continue;
      }
      if (i > 0 && c >= 'A' && c <= 'Z') {
        char previous = key.charAt(i - 1);
        if ((previous >= 'a' && previous <= 'z') || (previous >= '0' && previous <= '9')) {
          name.append('_');
        }
      }
      name.append(Character.toUpperCase(c));
    }
    return name.toString();
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
}
