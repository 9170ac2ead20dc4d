package dev.envelope.internal.report;

import dev.envelope.Problem;
import dev.envelope.spi.CredentialMask;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Masks secret values wherever they turn up in text shown to people: a {@code .env} reference can
 * copy a secret into a plain variable ({@code DATABASE_URL=postgres://app:${DB_PASSWORD}@db}), and a
 * library's exception message can quote a token. It masks values, never names, by two rules:
 *
 * <ul>
 *   <li>a secret of {@value #ANYWHERE} characters or more is masked wherever it occurs, even inside a
 *       longer word, since part of a word can still be a whole secret;
 *   <li>a shorter secret is masked where it stands as a whole word (the characters on either side are
 *       not letters or digits), so that a five-letter secret does not garble every path and message
 *       that happens to contain those letters, and a one-character secret is still never shown alone.
 * </ul>
 *
 * And, whatever the schema says, the password of a URI's user information ({@code
 * postgres://orders:****@db}) and a user-information-only key ({@code https://****@sentry.io/1}, as in a
 * Sentry DSN) are masked, except in the problems of a variable declared {@link Unmasked}. Immutable.
 */
public final class Redactor {
  /** Secrets at least this long are masked wherever they occur. */
  static final int ANYWHERE = 8;
  static final String MASK = "****";

  private final List<String> secrets;
  private final Set<String> unmasked;
  private final boolean fragments;

  private Redactor(List<String> secrets, Set<String> unmasked, boolean fragments) {
    this.secrets = secrets;
    this.unmasked = unmasked;
    this.fragments = fragments;
  }

  public static Redactor of(Collection<String> values) {
    return of(values, Set.of());
  }

  /**
   * Returns a redactor of credentials that also masks any fragment of one ({@link
   * CredentialMask#MIN_FRAGMENT} characters or more): for provider failures, whose text may quote
   * what a server or library echoed of a token.
   */
  public static Redactor ofCredentials(Collection<String> values) {
    Redactor whole = of(values, Set.of());
    return new Redactor(whole.secrets, Set.of(), true);
  }

  /**
   * Returns a redactor of {@code values} whose problems of the variables named in {@code unmasked}
   * keep the user information of their URIs.
   */
  public static Redactor of(Collection<String> values, Set<String> unmasked) {
    Set<String> distinct = new LinkedHashSet<>();
    for (String value : values) {
      if (value != null && !value.isEmpty()) {
        distinct.add(value);
      }
    }
    // Longer first, so a secret that contains another is masked whole.
    List<String> secrets = new ArrayList<>(distinct.size());
    for (String value : distinct) {
      int at = 0;
      while (at < secrets.size() && secrets.get(at).length() >= value.length()) {
        at++;
      }
      secrets.add(at, value);
    }
    return new Redactor(secrets, unmasked, false);
  }

  /** Returns whether {@code text} holds a secret value, by the same rules as {@link #apply(String)}. */
  public boolean reveals(String text) {
    if (text == null) {
      return false;
    }
    for (String secret : secrets) {
      if (find(text, secret, 0) >= 0) {
        return true;
      }
    }
    return false;
  }

  public String apply(String text) {
    return apply(text, false);
  }

  /**
   * Returns {@code text} with the secrets masked, and the URIs' user information too unless {@code
   * keepUris} (for the value of an {@link Unmasked} variable).
   */
  public String apply(String text, boolean keepUris) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String masked = text;
    for (String secret : secrets) {
      masked = fragments && secret.length() >= CredentialMask.MIN_FRAGMENT
          ? CredentialMask.mask(masked, secret, MASK)
          : mask(masked, secret);
    }
    return keepUris ? masked : UriCredentials.mask(masked);
  }

  /** Returns whether the problems of {@code variable} keep the user information of their URIs. */
  boolean unmasked(String variable) {
    return unmasked.contains(variable);
  }

  private static String mask(String text, String secret) {
    int at = find(text, secret, 0);
    if (at < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int from = 0;
    while (at >= 0) {
      out.append(text, from, at).append(MASK);
      from = at + secret.length();
      at = find(text, secret, from);
    }
    return out.append(text, from, text.length()).toString();
  }

  /** Returns where {@code secret} occurs in {@code text} from {@code from} by the rules above, or -1. */
  private static int find(String text, String secret, int from) {
    int at = text.indexOf(secret, from);
    if (secret.length() >= ANYWHERE) {
      return at;
    }
    while (at >= 0) {
      int end = at + secret.length();
      boolean startsWord = at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1));
      boolean endsWord = end == text.length() || !Character.isLetterOrDigit(text.charAt(end));
      if (startsWord && endsWord) {
        return at;
      }
      at = text.indexOf(secret, at + 1);
    }
    return -1;
  }

  public Problem apply(Problem problem) {
    boolean keepUris = unmasked.contains(problem.variable());
    return new Problem(problem.variable(), problem.kind(), apply(problem.message(), keepUris),
        apply(problem.origin(), keepUris), apply(problem.hint(), keepUris));
  }

  public List<Problem> apply(List<Problem> problems) {
    List<Problem> masked = new ArrayList<>(problems.size());
    for (Problem problem : problems) {
      masked.add(apply(problem));
    }
    return masked;
  }
}
