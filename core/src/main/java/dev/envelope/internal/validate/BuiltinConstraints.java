package dev.envelope.internal.validate;

import dev.envelope.internal.schema.AnnotationData;
import dev.envelope.internal.schema.TextFormats;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Evaluates the built-in constraints of Jakarta Validation ({@code jakarta.validation.constraints},
 * the date and time ones aside, which apply to no type Envelope converts) and Hibernate Validator's
 * {@code @URL}, {@code @Length}, {@code @Range} and {@code @UUID} exactly as Hibernate Validator does,
 * with its messages, so that a schema using only these never starts the validator: its bootstrap
 * alone costs several times a hand-written load. Custom constraints, a constraint on a type it does
 * not apply to, malformed attributes, a message this class cannot interpolate as Hibernate
 * Validator's {@code ParameterMessageInterpolator} does, or a {@code ValidationMessages} bundle of the
 * application's go to Hibernate Validator. A differential test holds the two to the same results.
 */
public final class BuiltinConstraints {
  private static final String JAKARTA = "jakarta.validation.constraints.";
  private static final String HIBERNATE = "org.hibernate.validator.constraints.";
  private static final String DEFAULT_GROUP = "jakarta.validation.groups.Default";
  private static final Set<String> ANY_TYPE = Set.of(JAKARTA + "NotNull", JAKARTA + "Null");
  private static final Set<String> BOOLEAN_ONLY = Set.of(JAKARTA + "AssertTrue", JAKARTA + "AssertFalse");
  private static final Set<String> TEXT_ONLY =
      Set.of(JAKARTA + "NotBlank", JAKARTA + "Pattern", JAKARTA + "Email", HIBERNATE + "URL", HIBERNATE + "UUID",
          HIBERNATE + "Length");
  private static final Set<String> SIZED = Set.of(JAKARTA + "NotEmpty", JAKARTA + "Size");
  private static final Set<String> NUMERIC =
      Set.of(JAKARTA + "Min", JAKARTA + "Max", JAKARTA + "DecimalMin", JAKARTA + "DecimalMax", JAKARTA + "Positive",
          JAKARTA + "PositiveOrZero", JAKARTA + "Negative", JAKARTA + "NegativeOrZero", JAKARTA + "Digits",
          HIBERNATE + "Range");
  private static final Set<Class<?>> NUMBERS =
      Set.of(int.class, Integer.class, long.class, Long.class, short.class, Short.class, byte.class, Byte.class,
          double.class, Double.class, float.class, Float.class, BigInteger.class, BigDecimal.class);
  private static final Set<Class<?>> SIZED_TYPES = Set.of(String.class, List.class, Set.class, Map.class, byte[].class);

  private BuiltinConstraints() {}

  /**
   * Returns whether {@code constraint} on a value of class {@code type} (inside any optional or
   * secret wrapper: a scalar's class, or List, Set or Map) can be evaluated here: a supported
   * constraint, on a type Hibernate Validator would apply it to, with well-formed attributes and a
   * message this class interpolates as the validator does.
   */
  static boolean supports(AnnotationData constraint, Class<?> type) {
    String name = constraint.type();
    boolean applies =
        ANY_TYPE.contains(name)
            || (BOOLEAN_ONLY.contains(name) && (type == boolean.class || type == Boolean.class))
            || (TEXT_ONLY.contains(name) && type == String.class)
            || (SIZED.contains(name) && SIZED_TYPES.contains(type))
            || (NUMERIC.contains(name) && (NUMBERS.contains(type) || type == String.class));
    try {
      return applies && validAttributes(constraint, name) && MessageTemplate.supported(constraint);
    } catch (RuntimeException e) {
      return false; // an attribute of an unexpected kind: the validator says what is wrong
    }
  }

  /**
   * Returns whether a validation of the default group applies {@code constraint}: it names no groups,
   * or {@code Default} among them. (Hibernate Validator validates the others only when asked to.)
   */
  static boolean inDefaultGroup(AnnotationData constraint) {
    List<?> groups = (List<?>) constraint.attribute("groups");
    return groups.isEmpty() || groups.contains(DEFAULT_GROUP);
  }

  /** Leaves constraints Hibernate Validator would reject as malformed to it, with its own error. */
  private static boolean validAttributes(AnnotationData constraint, String name) {
    switch (simpleName(name)) {
      case "Size":
      case "Length":
        int min = (Integer) attribute(constraint, "min");
        int max = (Integer) attribute(constraint, "max");
        return min >= 0 && max >= min;
      case "Pattern":
        return compiles(constraint);
      case "Email":
      case "URL":
        return isDefaultPattern(constraint) || compiles(constraint);
      case "Digits":
        return (Integer) attribute(constraint, "integer") >= 0 && (Integer) attribute(constraint, "fraction") >= 0;
      case "DecimalMin":
      case "DecimalMax":
        return NumberBounds.decimal((String) attribute(constraint, "value")) != null;
      case "UUID":
        return within((List<?>) attribute(constraint, "version"), 1, 15)
            && within((List<?>) attribute(constraint, "variant"), 0, 2);
      default:
        return true;
    }
  }

  private static boolean within(List<?> values, int min, int max) {
    if (values.isEmpty()) {
      return false;
    }
    for (Object value : values) {
      int number = (Integer) value;
      if (number < min || number > max) {
        return false;
      }
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

  /** Returns whether the pattern is {@code .*} without flags, the default of {@code @URL} and {@code @Email}. */
  public static boolean isDefaultPattern(AnnotationData constraint) {
    return ".*".equals(attribute(constraint, "regexp")) && ((List<?>) attribute(constraint, "flags")).isEmpty();
  }

  /** Returns whether the application brings its own message bundle, which only the validator reads. */
  public static boolean applicationMessagesPresent(ClassLoader loader) {
    // Looked up as resources, not with ResourceBundle.getBundle: only presence matters here.
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
   * Returns the message of {@code constraint}'s violation by {@code value} (the value itself: any
   * optional or secret wrapper already looked through), or null when the value satisfies it.
   *
   * @param jdkUrlHandlers whether the JDK's own handlers serve http, https and ftp URLs: no {@code
   *     URLStreamHandlerProvider} is on the class path and no handler package is configured
   */
  public static String violation(AnnotationData constraint, Object value, boolean jdkUrlHandlers) {
    return valid(constraint, value, jdkUrlHandlers) ? null : MessageTemplate.interpolate(constraint, value);
  }

  private static boolean valid(AnnotationData constraint, Object value, boolean jdkUrlHandlers) {
    String name = constraint.type();
    switch (simpleName(name)) {
      case "NotNull":
        return value != null;
      case "Null":
        return value == null;
      case "NotBlank":
        return value != null && !value.toString().isBlank();
      case "NotEmpty":
        return value != null && size(value) > 0;
      default:
        break;
    }
    if (value == null) {
      return true; // every other constraint accepts null
    }
    switch (simpleName(name)) {
      case "AssertTrue":
        return (Boolean) value;
      case "AssertFalse":
        return !(Boolean) value;
      case "Size":
      case "Length":
        int size = size(value);
        return size >= (Integer) attribute(constraint, "min") && size <= (Integer) attribute(constraint, "max");
      case "Min":
        return NumberBounds.compare(value, (Long) attribute(constraint, "value"), -1) >= 0;
      case "Max":
        return NumberBounds.compare(value, (Long) attribute(constraint, "value"), 1) <= 0;
      case "Range":
        return NumberBounds.compare(value, (Long) attribute(constraint, "min"), -1) >= 0
            && NumberBounds.compare(value, (Long) attribute(constraint, "max"), 1) <= 0;
      case "DecimalMin":
        int above = NumberBounds.compare(value, new BigDecimal((String) attribute(constraint, "value")), -1);
        return (Boolean) attribute(constraint, "inclusive") ? above >= 0 : above > 0;
      case "DecimalMax":
        int below = NumberBounds.compare(value, new BigDecimal((String) attribute(constraint, "value")), 1);
        return (Boolean) attribute(constraint, "inclusive") ? below <= 0 : below < 0;
      case "Positive":
        return NumberBounds.signum(value, -1) > 0;
      case "PositiveOrZero":
        return NumberBounds.signum(value, -1) >= 0;
      case "Negative":
        return NumberBounds.signum(value, 1) < 0;
      case "NegativeOrZero":
        return NumberBounds.signum(value, 1) <= 0;
      case "Digits":
        return NumberBounds.digits(value, (Integer) attribute(constraint, "integer"), (Integer) attribute(constraint, "fraction"));
      case "Pattern":
        return pattern(constraint).matcher(value.toString()).matches();
      case "Email":
        return TextFormats.isEmail(value.toString()) && (isDefaultPattern(constraint) || pattern(constraint).matcher(value.toString()).matches());
      case "UUID":
        return TextFormats.isUuid(value.toString(), constraint);
      case "URL":
        return TextFormats.isUrl(value.toString(), constraint, jdkUrlHandlers);
      default:
        throw new IllegalStateException("not a built-in constraint: " + name);
    }
  }

  private static String simpleName(String name) {
    return name.substring(name.lastIndexOf('.') + 1);
  }

  private static int size(Object value) {
    if (value instanceof CharSequence text) {
      return text.length();
    }
    if (value instanceof Collection<?> collection) {
      return collection.size();
    }
    if (value instanceof byte[] bytes) {
      return bytes.length;
    }
    return ((Map<?, ?>) value).size();
  }

  public static Pattern pattern(AnnotationData constraint) {
    int flags = 0;
    for (Object flag : (List<?>) attribute(constraint, "flags")) {
      flags |= jakarta.validation.constraints.Pattern.Flag.valueOf((String) flag).getValue();
    }
    return Pattern.compile((String) attribute(constraint, "regexp"), flags);
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

  private static Object attribute(AnnotationData constraint, String name) {
    return constraint.attribute(name);
  }
}
