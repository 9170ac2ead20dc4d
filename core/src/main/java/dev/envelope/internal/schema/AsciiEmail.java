package dev.envelope.internal.schema;

/**
 * Decides {@code @Email}'s rules for the addresses configuration holds (printable ASCII, a host
 * name for a domain) exactly as Hibernate Validator's check does, without its two long regular
 * expressions or {@code java.net.IDN} (see the start-up package for why). For a pure-ASCII domain {@code IDN.toASCII}
 * changes nothing and fails only on an empty label or one over 63 characters, and both regular
 * expressions are deterministic over ASCII, so a scan gives the same verdict. Any other address
 * (non-ASCII, or a bracketed IP literal) is left to Hibernate Validator; a differential test holds the
 * two to the same verdicts.
 */
public final class AsciiEmail {
  /** The label characters of the domain pattern besides letters and digits. */
  private static final String DOMAIN_SYMBOLS = "!#$%&'*+/=?^_`{|}~";
  /** The unquoted local part's characters besides letters and digits. */
  private static final String ATOM_SYMBOLS = DOMAIN_SYMBOLS + "-";
  /** A quoted local part's characters besides letters and digits (the two spaces of the original included). */
  private static final String QUOTED_SYMBOLS = ATOM_SYMBOLS + ".(),<>[]: ;@";

  private AsciiEmail() {}

  /**
   * Returns whether {@code text} is an email address by Hibernate Validator's rules (the empty text
   * is one), or null where this class does not decide: text with a character outside ASCII or a
   * domain with an IP literal.
   */
  static Boolean verdict(String text) {
    if (text.isEmpty()) {
      return true;
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return null;
      }
    }
    int at = text.lastIndexOf('@');
    if (at < 0) {
      return false;
    }
    String domain = text.substring(at + 1);
    if (domain.indexOf('[') >= 0) {
      return null;
    }
    return isLocalPart(text.substring(0, at)) && isDomain(domain);
  }

  /** The local-part pattern: dot-separated words, each atom characters or a quoted string. */
  private static boolean isLocalPart(String local) {
    if (local.length() > 64 || local.isEmpty()) {
      return false;
    }
    int i = 0;
    while (true) {
      int start = i;
      if (local.charAt(i) == '"') {
        i++;
        while (i < local.length() && local.charAt(i) != '"') {
          char c = local.charAt(i);
          if (c == '\\') {
            if (i + 1 == local.length() || (local.charAt(i + 1) != '\\' && local.charAt(i + 1) != '"')) {
              return false;
            }
            i += 2;
          } else if (isIn(c, QUOTED_SYMBOLS)) {
            i++;
          } else {
            return false;
          }
        }
        if (i == local.length() || i == start + 1) {
          return false; // unterminated, or "" without a character
        }
        i++;
      } else {
        while (i < local.length() && isIn(local.charAt(i), ATOM_SYMBOLS)) {
          i++;
        }
        if (i == start) {
          return false;
        }
      }
      if (i == local.length()) {
        return true;
      }
      if (local.charAt(i) != '.' || ++i == local.length()) {
        return false;
      }
    }
  }

  /**
   * The domain as {@code IDN.toASCII} and the domain pattern judge it: no trailing dot, at most 255
   * characters, labels of 1 to 63 characters, each of label characters and hyphens, starting and
   * ending with a label character.
   */
  private static boolean isDomain(String domain) {
    if (domain.isEmpty() || domain.endsWith(".") || domain.length() > 255) {
      return false;
    }
    int start = 0;
    while (start <= domain.length()) {
      int end = domain.indexOf('.', start);
      if (end < 0) {
        end = domain.length();
      }
      if (end == start || end - start > 63
          || domain.charAt(start) == '-' || domain.charAt(end - 1) == '-') {
        return false;
      }
      for (int i = start; i < end; i++) {
        char c = domain.charAt(i);
        if (c != '-' && !isIn(c, DOMAIN_SYMBOLS)) {
          return false;
        }
      }
      start = end + 1;
    }
    return true;
  }

  /** Whether {@code c} is an ASCII letter or digit (the patterns ignore case) or one of {@code symbols}. */
  private static boolean isIn(char c, String symbols) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || symbols.indexOf(c) >= 0;
  }
}
