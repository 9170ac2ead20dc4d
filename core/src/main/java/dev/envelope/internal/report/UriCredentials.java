package dev.envelope.internal.report;

/**
 * Masks the credentials of URIs in text: {@code postgres://orders:pw@db/app} becomes {@code
 * postgres://orders:****@db/app}, and {@code https://key@o1.ingest.sentry.io/2} (a Sentry DSN, whose
 * user information is its key) becomes {@code https://****@o1.ingest.sentry.io/2}, as Spring Boot's
 * sanitizer does for URI passwords. Scans by hand: the common text has no {@code ://} at all.
 */
public final class UriCredentials {
  private UriCredentials() {}

  static String mask(String text) {
    int scheme = text.indexOf("://");
    if (scheme < 0 || text.indexOf('@', scheme) < 0) {
      return text;
    }
    StringBuilder out = null;
    int copied = 0;
    while (scheme >= 0) {
      int start = scheme + 3;
      int end = start;
      // The authority's user information ends at '@', before any '/', '?', '#' or white space.
      while (end < text.length() && "/?#@ \t\r\n".indexOf(text.charAt(end)) < 0) {
        end++;
      }
      if (end < text.length() && text.charAt(end) == '@' && end > start && schemeBefore(text, scheme)) {
        int colon = text.indexOf(':', start);
        int from = colon >= 0 && colon < end ? colon + 1 : start;
        if (from < end || colon < 0) {
          if (out == null) {
            out = new StringBuilder(text.length());
          }
          out.append(text, copied, from).append(Redactor.MASK);
          copied = end;
        }
      }
      scheme = text.indexOf("://", end);
    }
    return out == null ? text : out.append(text, copied, text.length()).toString();
  }

  /** Returns whether a URI scheme (a letter, then letters, digits, '+', '-' or '.') ends at {@code at}. */
  private static boolean schemeBefore(String text, int at) {
    int start = at;
    while (start > 0 && isSchemeChar(text.charAt(start - 1))) {
      start--;
    }
    return start < at && Character.isLetter(text.charAt(start));
  }

  private static boolean isSchemeChar(char c) {
    return (c < 128 && Character.isLetterOrDigit(c)) || c == '+' || c == '-' || c == '.';
  }
}
