package dev.envelope.internal.schema;

import dev.envelope.internal.startup.DirectCalls;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * Converts text to the scalar types Envelope supports out of the box. Every failure is an {@link
 * IllegalArgumentException} whose message says what was expected and never contains the text itself,
 * so that it can be shown for secrets too.
 */
public final class Scalars {
  private static final Map<Class<?>, String> DESCRIPTIONS =
      Map.ofEntries(
          Map.entry(boolean.class, "boolean"),
          Map.entry(Boolean.class, "boolean"),
          Map.entry(int.class, "integer"),
          Map.entry(Integer.class, "integer"),
          Map.entry(long.class, "integer"),
          Map.entry(Long.class, "integer"),
          Map.entry(short.class, "integer"),
          Map.entry(Short.class, "integer"),
          Map.entry(byte.class, "integer"),
          Map.entry(Byte.class, "integer"),
          Map.entry(double.class, "number"),
          Map.entry(Double.class, "number"),
          Map.entry(float.class, "number"),
          Map.entry(Float.class, "number"),
          Map.entry(BigInteger.class, "integer"),
          Map.entry(BigDecimal.class, "decimal"),
          Map.entry(char.class, "character"),
          Map.entry(Character.class, "character"),
          Map.entry(String.class, "string"),
          Map.entry(URI.class, "URI"),
          Map.entry(java.net.URL.class, "URL"),
          Map.entry(Duration.class, "duration (500ms, 15m, 7d, PT15M)"),
          Map.entry(Path.class, "path"),
          Map.entry(InetAddress.class, "IP address"),
          Map.entry(ZoneId.class, "time zone"),
          Map.entry(Charset.class, "charset"),
          Map.entry(byte[].class, "base64 bytes"));

  private Scalars() {}

  /**
   * Returns the built-in conversion to {@code type}, or null if there is none.
   */
  static Function<String, Object> builtIn(Class<?> type) {
    return type.isEnum() || DESCRIPTIONS.containsKey(type) ? new BuiltIn(type) : null;
  }

  /** The built-in conversion to one type. */
  private static final class BuiltIn implements Function<String, Object> {
    private final Class<?> type;

    BuiltIn(Class<?> type) {
      this.type = type;
    }

    @Override
    public Object apply(String text) {
      return convert(type, text);
    }
  }

  private static Object convert(Class<?> type, String text) {
    if (type == String.class) {
      return text;
    }
    if (type.isEnum()) {
      return toEnum(type, text);
    }
    if (type == int.class || type == Integer.class) {
      return (int) toLong(text, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }
    if (type == long.class || type == Long.class) {
      return toLong(text, Long.MIN_VALUE, Long.MAX_VALUE);
    }
    if (type == boolean.class || type == Boolean.class) {
      return toBoolean(text);
    }
    if (type == Duration.class) {
      return DurationParser.parse(text);
    }
    if (type == URI.class) {
      return toUri(text);
    }
    if (type == java.net.URL.class) {
      return toUrl(text);
    }
    if (type == double.class || type == Double.class) {
      return toDouble(text);
    }
    if (type == float.class || type == Float.class) {
      return toFloat(text);
    }
    if (type == short.class || type == Short.class) {
      return (short) toLong(text, Short.MIN_VALUE, Short.MAX_VALUE);
    }
    if (type == byte.class || type == Byte.class) {
      return (byte) toLong(text, Byte.MIN_VALUE, Byte.MAX_VALUE);
    }
    if (type == char.class || type == Character.class) {
      return toChar(text);
    }
    if (type == BigInteger.class) {
      return toBigInteger(text);
    }
    if (type == BigDecimal.class) {
      return toBigDecimal(text);
    }
    if (type == Path.class) {
      return toPath(text);
    }
    if (type == InetAddress.class) {
      return toInetAddress(text);
    }
    if (type == ZoneId.class) {
      return toZoneId(text);
    }
    if (type == Charset.class) {
      return toCharset(text);
    }
    if (type == byte[].class) {
      return toBytes(text);
    }
    throw new IllegalStateException("no built-in conversion to " + type.getName());
  }

  /** Returns a short description of {@code type} for people: {@code integer}, {@code one of: a, b}. */
  static String describe(Class<?> type) {
    if (type.isEnum()) {
      return "one of: " + allowed(type);
    }
    return DESCRIPTIONS.getOrDefault(type, type.getSimpleName());
  }

  private static Object toBoolean(String text) {
    switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true":
      case "yes":
      case "on":
      case "1":
        return Boolean.TRUE;
      case "false":
      case "no":
      case "off":
      case "0":
        return Boolean.FALSE;
      default:
        throw new IllegalArgumentException("is not a boolean: use true or false (yes/no, on/off, 1/0)");
    }
  }

  private static long toLong(String text, long min, long max) {
    BigInteger value = toBigInteger(text);
    if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
      throw new IllegalArgumentException("is out of range: must be between " + min + " and " + max);
    }
    return value.longValue();
  }

  private static BigInteger toBigInteger(String text) {
    try {
      return new BigInteger(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("is not an integer");
    }
  }

  private static BigDecimal toBigDecimal(String text) {
    try {
      return new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("is not a decimal number");
    }
  }

  private static double toDouble(String text) {
    String trimmed = text.trim();
    // Double.parseDouble also takes "15d", "10f" and hex floats: "15d" meant as 15 days would load as 15.0.
    if (!trimmed.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
      throw new IllegalArgumentException("is not a number");
    }
    try {
      double value = Double.parseDouble(trimmed);
      if (Double.isNaN(value) || Double.isInfinite(value)) {
        throw new IllegalArgumentException("is not a finite number");
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("is not a number");
    }
  }

  private static float toFloat(String text) {
    double value = toDouble(text);
    if (Math.abs(value) > Float.MAX_VALUE) {
      throw new IllegalArgumentException("is out of range for a float");
    }
    return (float) value;
  }

  private static Object toChar(String text) {
    if (text.length() != 1) {
      throw new IllegalArgumentException("is not a single character");
    }
    return text.charAt(0);
  }

  private static Object toEnum(Class<?> type, String text) {
    String wanted = text.trim().replace('-', '_');
    for (Object constant : DirectCalls.enumConstants(type)) {
      if (((Enum<?>) constant).name().equalsIgnoreCase(wanted)) {
        return constant;
      }
    }
    throw new IllegalArgumentException("is not one of: " + allowed(type));
  }

  private static String allowed(Class<?> type) {
    StringJoiner names = new StringJoiner(", ");
    for (Object constant : DirectCalls.enumConstants(type)) {
      names.add(((Enum<?>) constant).name().toLowerCase(Locale.ROOT));
    }
    return names.toString();
  }

  private static URI toUri(String text) {
    try {
      return new URI(text.trim());
    } catch (URISyntaxException e) {
      // The exception's own message repeats the input; its reason and index do not.
      throw new IllegalArgumentException("is not a valid URI: " + e.getReason() + " at index " + e.getIndex());
    }
  }

  private static Object toUrl(String text) {
    URI uri = toUri(text);
    if (!uri.isAbsolute()) {
      throw new IllegalArgumentException("is not a valid URL: it has no scheme (such as https://)");
    }
    try {
      return uri.toURL();
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new IllegalArgumentException("is not a valid URL: unknown scheme or malformed authority");
    }
  }

  private static Object toPath(String text) {
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("is not a valid path: " + e.getReason());
    }
  }

  private static Object toInetAddress(String text) {
    String trimmed = text.trim();
    if (trimmed.equalsIgnoreCase("localhost")) {
      return InetAddress.getLoopbackAddress();
    }
    // Only literals: resolving a host name would make loading depend on DNS.
    if (!isIpv4Literal(trimmed) && !isIpv6Literal(trimmed)) {
      throw new IllegalArgumentException("is not an IP address literal (host names are not resolved at load time)");
    }
    try {
      return InetAddress.getByName(trimmed);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("is not a valid IP address");
    }
  }

  private static boolean isIpv4Literal(String text) {
    String[] octets = text.split("\\.", -1);
    if (octets.length != 4) {
      return false;
    }
    for (String octet : octets) {
      if (!octet.matches("\\d{1,3}") || Integer.parseInt(octet) > 255) {
        return false;
      }
    }
    return true;
  }

  /** Returns whether {@code text} has the shape of an IPv6 literal, so that no lookup can follow. */
  private static boolean isIpv6Literal(String text) {
    String address = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    int zone = address.indexOf('%');
    if (zone >= 0) {
      address = address.substring(0, zone);
    }
    return address.matches("[0-9a-fA-F:.]+") && address.indexOf(':') != address.lastIndexOf(':');
  }

  private static Object toZoneId(String text) {
    try {
      return ZoneId.of(text.trim());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("is not a time zone ID (such as UTC or Europe/Paris)");
    }
  }

  private static Object toCharset(String text) {
    try {
      return Charset.forName(text.trim());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("is not a charset supported by this JVM");
    }
  }

  private static Object toBytes(String text) {
    // Line breaks are common in pasted keys; anything else outside the alphabet is an error (the MIME
    // decoder would skip it silently).
    String compact = text.replaceAll("\\s+", "");
    try {
      return compact.indexOf('-') >= 0 || compact.indexOf('_') >= 0
          ? Base64.getUrlDecoder().decode(compact)
          : Base64.getDecoder().decode(compact);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("is not base64");
    }
  }
}
