package dev.envelope.internal.schema;

import dev.envelope.internal.validate.BuiltinConstraints;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Checks the text formats of {@code @Email} and Hibernate Validator's {@code @UUID} and {@code @URL} as it does. */
public final class TextFormats {
  private static final int[] UUID_GROUPS = {8, 4, 4, 4, 12};

  private TextFormats() {}

  /** Returns whether {@code text} is an email address by {@code @Email}'s rules; the empty text is one. */
  public static boolean isEmail(String text) {
    Boolean verdict = AsciiEmail.verdict(text);
    if (verdict != null) {
      return verdict;
    }
    try {
      return (Boolean) Email.IS_VALID.invoke(Email.VALIDATOR, text, null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Hibernate Validator's email check could not run", e);
    }
  }

  /**
   * Hibernate Validator's own check of an address's local part and domain, used as is where {@link
   * AsciiEmail} does not decide: it is a pair
   * of long regular expressions plus IDN handling whose every detail users' inputs depend on, and it
   * needs neither the validator's bootstrap nor an annotation instance. In a holder class, so that
   * its regular expressions are compiled only for a schema that uses {@code @Email}. Reached by
   * reflection: the class is internal to Hibernate Validator's module, which does not export it; on
   * the class path, where the built-in evaluator runs, it is accessible (on the module path
   * Hibernate Validator evaluates every constraint itself).
   */
  private static final class Email {
    static final Object VALIDATOR;
    static final java.lang.reflect.Method IS_VALID;

    static {
      try {
        Class<?> type = Class.forName("org.hibernate.validator.internal.constraintvalidators.AbstractEmailValidator",
            true, TextFormats.class.getClassLoader());
        VALIDATOR = type.getConstructor().newInstance();
        IS_VALID = type.getMethod("isValid", CharSequence.class, jakarta.validation.ConstraintValidatorContext.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }
  }

  /**
   * Returns whether {@code text} is a UUID by {@code @UUID}'s attributes: 36 characters in groups of
   * 8-4-4-4-12 hex digits in the letter case asked for, the nil UUID only if allowed, the version
   * (the 13th digit) and variant (the high bits of the 17th) among those allowed.
   */
  public static boolean isUuid(String text, AnnotationData constraint) {
    if (text.isEmpty()) {
      return (Boolean) constraint.attribute("allowEmpty");
    }
    if (text.length() != 36) {
      return false;
    }
    String letterCase = (String) constraint.attribute("letterCase");
    int group = 0;
    int inGroup = 0;
    int sum = 0;
    int version = -1;
    int variant = -1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '-') {
        group++;
        inGroup = 0;
        continue;
      }
      inGroup++;
      if (group >= UUID_GROUPS.length || inGroup > UUID_GROUPS[group]) {
        return false;
      }
      int digit = Character.digit(c, 16);
      if (digit < 0 || (digit > 9 && !inCase(c, letterCase))) {
        return false;
      }
      sum += digit;
      if (i == 14) {
        version = digit;
      } else if (i == 19) {
        variant = digit >> 3 == 0 ? 0 : digit >> 2 == 2 ? 1 : digit >> 1 == 6 ? 2 : -1;
      }
    }
    if (sum == 0) {
      return (Boolean) constraint.attribute("allowNil");
    }
    return contains((List<?>) constraint.attribute("version"), version)
        && contains((List<?>) constraint.attribute("variant"), variant);
  }

  private static boolean inCase(char c, String letterCase) {
    if (letterCase.equals("LOWER_CASE")) {
      return Character.isLowerCase(c);
    }
    return !letterCase.equals("UPPER_CASE") || Character.isUpperCase(c);
  }

  private static boolean contains(List<?> allowed, int value) {
    for (Object candidate : allowed) {
      if ((Integer) candidate == value) {
        return true;
      }
    }
    return false;
  }

  /** Hibernate Validator's {@code @URL}: parsed by {@code java.net}, checked against its attributes. */
  public static boolean isUrl(String text, AnnotationData constraint, boolean jdkUrlHandlers) {
    if (text.isEmpty()) {
      return true;
    }
    if (!matchesPattern(text, constraint)) {
      return false;
    }
    java.net.URL url;
    try {
      URI uri = new URI(text);
      url = jdkUrlHandlers ? ParseOnly.parse(uri) : null;
      if (url == null) {
        url = uri.toURL();
      }
    } catch (Exception e) {
      return false;
    }
    String protocol = (String) constraint.attribute("protocol");
    String host = (String) constraint.attribute("host");
    int port = (Integer) constraint.attribute("port");
    return (protocol.isEmpty() || url.getProtocol().equals(protocol))
        && (host.isEmpty() || url.getHost().equals(host))
        && (port == -1 || url.getPort() == port);
  }

  /**
   * Applies {@code @URL}'s composed {@code @Pattern}. Its default, {@code .*} without flags, only
   * refuses line terminators, checked here without compiling a regular expression.
   */
  private static boolean matchesPattern(String text, AnnotationData constraint) {
    if (BuiltinConstraints.isDefaultPattern(constraint)) {
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
          return false;
        }
      }
      return true;
    }
    return BuiltinConstraints.pattern(constraint).matcher(text).matches();
  }

  /**
   * Parses URLs as the JDK's http, https and ftp handlers do: they inherit {@code URLStreamHandler}'s
   * parser and change only how a connection is opened. Used only when the class path scan found no
   * {@code URLStreamHandlerProvider} that could replace those handlers.
   */
  private static final class ParseOnly extends java.net.URLStreamHandler {
    static final Set<String> PROTOCOLS = Set.of("http", "https", "ftp");
    static final ParseOnly HANDLER = new ParseOnly();

    /**
     * Returns what {@code uri.toURL()} returns, or null where this handler might judge differently
     * from the JDK's: the JDK checks the host, user information and authority of a URL further when
     * its own handler parses it (more in later releases), so only an absolute http, https or ftp URI
     * in printable ASCII with a server-based authority, a host name or IPv4 address and no user
     * information is parsed here; those checks cannot fail on such a URI.
     */
    static java.net.URL parse(URI uri) throws java.net.MalformedURLException {
      String scheme = uri.getScheme();
      if (!uri.isAbsolute() || !PROTOCOLS.contains(scheme.toLowerCase(Locale.ROOT))
          || uri.getHost() == null || uri.getHost().startsWith("[") || uri.getRawUserInfo() != null) {
        return null;
      }
      String text = uri.toString();
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c <= ' ' || c >= 0x7F) {
          return null;
        }
      }
      try {
        return new java.net.URL(null, text, HANDLER);
      } catch (SecurityException e) {
        return null; // a security manager that does not allow naming a handler
      }
    }

    @Override
    protected java.net.URLConnection openConnection(java.net.URL url) {
      throw new UnsupportedOperationException("only parses");
    }
  }
}
