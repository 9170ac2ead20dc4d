package dev.envelope.internal;

import dev.envelope.Secret;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Evaluates the simplest built-in constraints ({@code @NotNull}, {@code @NotBlank}, {@code
 * @NotEmpty}, {@code @Size}, {@code @Min}, {@code @Max}, {@code @Positive} and its kin, {@code
 * @Pattern}, Hibernate's {@code @URL}) exactly as Hibernate Validator does, with its message bundle,
 * so that a schema using only these never starts the validator: its bootstrap alone costs several
 * times a hand-written load. Anything else (custom or other constraints, class-level or type-argument
 * constraints, groups, payloads, custom messages, a {@code ValidationMessages} bundle of the
 * application's) goes to Hibernate Validator. Differential tests hold the two paths to the same
 * results.
 */
public final class BuiltinConstraints {
  private static final String JAKARTA = "jakarta.validation.constraints.";
  private static final String URL = "org.hibernate.validator.constraints.URL";
  private static final Set<String> TEXT_ONLY = Set.of(JAKARTA + "NotBlank", JAKARTA + "Pattern", URL);
  private static final Set<String> SIZED = Set.of(JAKARTA + "NotEmpty", JAKARTA + "Size");
  private static final Set<String> NUMERIC =
      Set.of(JAKARTA + "Min", JAKARTA + "Max", JAKARTA + "Positive", JAKARTA + "PositiveOrZero",
          JAKARTA + "Negative", JAKARTA + "NegativeOrZero");
  private static final Set<Class<?>> INTEGRAL =
      Set.of(int.class, Integer.class, long.class, Long.class, short.class, Short.class, byte.class, Byte.class,
          BigInteger.class, BigDecimal.class);

  private BuiltinConstraints() {}

  /**
   * Returns whether {@code constraint} on a component of {@code type} can be evaluated here: a
   * supported constraint, with its default message and no groups or payload, on a type Hibernate
   * Validator would apply it to.
   */
  static boolean supports(AnnotationData constraint, ValueType type) {
    String name = constraint.type();
    Class<?> inner = type.innerClass();
    boolean applies =
        name.equals(JAKARTA + "NotNull")
            || (TEXT_ONLY.contains(name) && inner == String.class)
            || (SIZED.contains(name) && (inner == String.class || type.collection()))
            || (NUMERIC.contains(name) && INTEGRAL.contains(inner));
    return applies && plain(constraint) && validAttributes(constraint, name);
  }

  private static boolean plain(AnnotationData constraint) {
    try {
      // Read from a class file, only the members written are given; reflectively, all of them.
      Object message = constraint.values().get("message");
      return (message == null || message.equals(constraint.defaults().get("message")))
          && ((List<?>) constraint.attribute("groups")).isEmpty()
          && ((List<?>) constraint.attribute("payload")).isEmpty();
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Leaves constraints Hibernate Validator would reject as malformed to it, with its own error. */
  private static boolean validAttributes(AnnotationData constraint, String name) {
    if (name.equals(JAKARTA + "Size")) {
      int min = (Integer) attribute(constraint, "min");
      int max = (Integer) attribute(constraint, "max");
      return min >= 0 && max >= min;
    }
    if (name.equals(JAKARTA + "Pattern") || name.equals(URL)) {
      return isDefaultPattern(constraint) || compiles(constraint);
    }
    return true;
  }

  private static boolean compiles(AnnotationData constraint) {
    try {
      pattern(constraint);
      return true;
    } catch (PatternSyntaxException e) {
      return false;
    }
  }

  /** Returns whether the pattern is {@code .*} without flags, {@code @URL}'s default. */
  private static boolean isDefaultPattern(AnnotationData constraint) {
    return ".*".equals(attribute(constraint, "regexp")) && ((List<?>) attribute(constraint, "flags")).isEmpty();
  }

  /** Returns whether the application brings its own message bundle, which only the validator reads. */
  public static boolean applicationMessagesPresent(ClassLoader loader) {
    // Looked up as resources: ResourceBundle.getBundle's search for a missing bundle loads its whole
    // provider machinery, a noticeable part of a cold start.
    for (String resource : applicationMessageResources()) {
      if (loader.getResource(resource) != null) {
        return true;
      }
    }
    return false;
  }

  /** Returns the resources that would be the application's message bundle in the default locale. */
  public static String[] applicationMessageResources() {
    Locale locale = Locale.getDefault();
    return new String[] {
      "ValidationMessages.properties",
      "ValidationMessages_" + locale.getLanguage() + ".properties",
      "ValidationMessages_" + locale + ".properties"
    };
  }

  /**
   * Returns the message of {@code constraint}'s violation by {@code value} (as bound: optional and
   * secret wrappers are looked through), or null when the value satisfies it.
   *
   * @param jdkUrlHandlers whether the JDK's own handlers serve http, https and ftp URLs: no {@code
   *     URLStreamHandlerProvider} is on the class path and no handler package is configured
   */
  public static String violation(AnnotationData constraint, Object value, boolean jdkUrlHandlers) {
    Object inner = unwrap(value);
    String name = constraint.type();
    boolean valid;
    switch (name.substring(name.lastIndexOf('.') + 1)) {
      case "NotNull":
        valid = inner != null;
        break;
      case "NotBlank":
        valid = inner != null && !inner.toString().trim().isEmpty();
        break;
      case "NotEmpty":
        valid = inner != null && size(inner) > 0;
        break;
      case "Size":
        valid = inner == null || within(size(inner), constraint);
        break;
      case "Min":
        valid = inner == null || compare(inner, (Long) attribute(constraint, "value")) >= 0;
        break;
      case "Max":
        valid = inner == null || compare(inner, (Long) attribute(constraint, "value")) <= 0;
        break;
      case "Positive":
        valid = inner == null || compare(inner, 0) > 0;
        break;
      case "PositiveOrZero":
        valid = inner == null || compare(inner, 0) >= 0;
        break;
      case "Negative":
        valid = inner == null || compare(inner, 0) < 0;
        break;
      case "NegativeOrZero":
        valid = inner == null || compare(inner, 0) <= 0;
        break;
      case "Pattern":
        valid = inner == null || pattern(constraint).matcher(inner.toString()).matches();
        break;
      case "URL":
        valid = inner == null || isUrl(inner.toString(), constraint, jdkUrlHandlers);
        break;
      default:
        throw new IllegalStateException("not a built-in constraint: " + name);
    }
    return valid ? null : message(constraint, name, inner);
  }

  private static Object unwrap(Object value) {
    Object inner = value;
    if (inner instanceof Optional<?> optional) {
      inner = optional.orElse(null);
    } else if (inner instanceof OptionalInt optional) {
      inner = optional.isPresent() ? optional.getAsInt() : null;
    } else if (inner instanceof OptionalLong optional) {
      inner = optional.isPresent() ? optional.getAsLong() : null;
    } else if (inner instanceof OptionalDouble optional) {
      inner = optional.isPresent() ? optional.getAsDouble() : null;
    }
    return inner instanceof Secret<?> secret ? secret.reveal() : inner;
  }

  private static int size(Object value) {
    if (value instanceof CharSequence text) {
      return text.length();
    }
    if (value instanceof Collection<?> collection) {
      return collection.size();
    }
    return ((Map<?, ?>) value).size();
  }

  private static boolean within(int size, AnnotationData constraint) {
    return size >= (Integer) attribute(constraint, "min") && size <= (Integer) attribute(constraint, "max");
  }

  private static int compare(Object number, long bound) {
    if (number instanceof BigDecimal decimal) {
      return decimal.compareTo(BigDecimal.valueOf(bound));
    }
    if (number instanceof BigInteger integer) {
      return integer.compareTo(BigInteger.valueOf(bound));
    }
    return Long.compare(((Number) number).longValue(), bound);
  }

  private static Pattern pattern(AnnotationData constraint) {
    int flags = 0;
    for (Object flag : (List<?>) attribute(constraint, "flags")) {
      flags |= jakarta.validation.constraints.Pattern.Flag.valueOf((String) flag).getValue();
    }
    return Pattern.compile((String) attribute(constraint, "regexp"), flags);
  }

  /** Hibernate Validator's {@code @URL}: parsed by {@code java.net}, checked against its attributes. */
  private static boolean isUrl(String text, AnnotationData constraint, boolean jdkUrlHandlers) {
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
    String protocol = (String) attribute(constraint, "protocol");
    String host = (String) attribute(constraint, "host");
    int port = (Integer) attribute(constraint, "port");
    return (protocol.isEmpty() || url.getProtocol().equals(protocol))
        && (host.isEmpty() || url.getHost().equals(host))
        && (port == -1 || url.getPort() == port);
  }

  /**
   * Returns how a {@code @Size} violation reads: Hibernate Validator's own message reads "size must be
   * between 32 and 2147483647" for a simple minimum length.
   */
  public static String sizeMessage(int min, int max, Object value) {
    String unit = value instanceof CharSequence ? "characters" : "items";
    if (max == Integer.MAX_VALUE) {
      return "must be at least " + min + " " + unit + " long";
    }
    if (min == 0) {
      return "must be at most " + max + " " + unit + " long";
    }
    return "must be between " + min + " and " + max + " " + unit + " long";
  }

  /**
   * Applies {@code @URL}'s composed {@code @Pattern}. Its default, {@code .*} without flags, only
   * refuses line terminators, checked here without compiling a regular expression.
   */
  private static boolean matchesPattern(String text, AnnotationData constraint) {
    if (isDefaultPattern(constraint)) {
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
          return false;
        }
      }
      return true;
    }
    return pattern(constraint).matcher(text).matches();
  }

  private static String message(AnnotationData constraint, String name, Object value) {
    if (name.equals(JAKARTA + "Size")) {
      return sizeMessage((Integer) attribute(constraint, "min"), (Integer) attribute(constraint, "max"), value);
    }
    String template = Messages.BUNDLE.getString(name + ".message").trim();
    StringBuilder out = new StringBuilder(template.length() + 16);
    int i = 0;
    while (i < template.length()) {
      int open = template.indexOf('{', i);
      int close = open < 0 ? -1 : template.indexOf('}', open);
      if (close < 0) {
        out.append(template, i, template.length());
        break;
      }
      out.append(template, i, open);
      out.append(attribute(constraint, template.substring(open + 1, close)));
      i = close + 1;
    }
    return out.toString();
  }

  private static Object attribute(AnnotationData constraint, String name) {
    return constraint.attribute(name);
  }

  /**
   * Parses URLs as the JDK's http, https and ftp handlers do: they inherit {@code URLStreamHandler}'s
   * parser and change only how a connection is opened. Asking the JDK for those handlers costs, the
   * first time in a process, a search of every jar of the class path and every module for {@code
   * URLStreamHandlerProvider}s, a noticeable part of a cold start; Envelope's class path scan has
   * already established that there are none.
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

  /** Hibernate Validator's default messages, in the default locale as its interpolator reads them. */
  private static final class Messages {
    static final ResourceBundle BUNDLE =
        ResourceBundle.getBundle("org.hibernate.validator.ValidationMessages", Locale.getDefault(),
            BuiltinConstraints.class.getClassLoader());
  }
}
