package dev.envelope;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Masks known secret values wherever they turn up in text shown to people: a {@code .env} reference
 * can copy a secret into a plain variable ({@code DATABASE_URL=postgres://app:${DB_PASSWORD}@db}), and
 * a library's exception message can quote a token. Values shorter than {@value #SHORTEST} characters
 * are not masked: they would garble every message and are not secrets worth the name.
 */
final class Redactor {
  static final int SHORTEST = 4;
  private static final String MASK = "****";

  private final List<String> secrets;

  private Redactor(List<String> secrets) {
    this.secrets = secrets;
  }

  static Redactor of(Collection<String> values) {
    Set<String> distinct = new LinkedHashSet<>();
    for (String value : values) {
      if (value != null && value.length() >= SHORTEST) {
        distinct.add(value);
      }
    }
    // Longer first, so a secret that contains another is masked whole. (A loop, not a Comparator
    // chain, whose lambdas a cold start would pay for.)
    List<String> secrets = new ArrayList<>(distinct.size());
    for (String value : distinct) {
      int at = 0;
      while (at < secrets.size() && secrets.get(at).length() >= value.length()) {
        at++;
      }
      secrets.add(at, value);
    }
    return new Redactor(secrets);
  }

  String apply(String text) {
    if (text == null || secrets.isEmpty()) {
      return text;
    }
    String masked = text;
    for (String secret : secrets) {
      if (masked.contains(secret)) {
        masked = masked.replace(secret, MASK);
      }
    }
    return masked;
  }

  Problem apply(Problem problem) {
    return new Problem(problem.variable(), problem.kind(), apply(problem.message()), apply(problem.origin()),
        apply(problem.hint()));
  }

  List<Problem> apply(List<Problem> problems) {
    if (secrets.isEmpty()) {
      return problems;
    }
    List<Problem> masked = new ArrayList<>(problems.size());
    for (Problem problem : problems) {
      masked.add(apply(problem));
    }
    return masked;
  }
}
