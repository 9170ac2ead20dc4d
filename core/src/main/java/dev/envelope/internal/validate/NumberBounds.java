package dev.envelope.internal.validate;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Compares numbers with constraint bounds as Hibernate Validator does, for {@code @Min}, {@code
 * @Max}, {@code @DecimalMin}, {@code @DecimalMax}, the sign constraints, {@code @Digits} and {@code
 * @Range}: integral values exactly, floating-point values with infinities ordered and NaN failing
 * every bound, and text as a {@link BigDecimal}, failing when it is not a number.
 */
public final class NumberBounds {
  private NumberBounds() {}

  /**
   * Returns the sign of {@code value} compared with {@code bound}; {@code incomparable} for NaN and
   * for text that is not a number.
   */
  static int compare(Object value, long bound, int incomparable) {
    if (value instanceof CharSequence text) {
      BigDecimal number = decimal(text);
      return number == null ? incomparable : number.compareTo(BigDecimal.valueOf(bound));
    }
    if (value instanceof Double number) {
      int infinite = infinite(number, incomparable);
      return infinite != 0 ? infinite : Double.compare(number, bound);
    }
    if (value instanceof Float number) {
      int infinite = infinite(number.doubleValue(), incomparable);
      return infinite != 0 ? infinite : Float.compare(number, bound);
    }
    if (value instanceof BigDecimal number) {
      return number.compareTo(BigDecimal.valueOf(bound));
    }
    if (value instanceof BigInteger number) {
      return number.compareTo(BigInteger.valueOf(bound));
    }
    return Long.compare(((Number) value).longValue(), bound);
  }

  /** Returns the sign of {@code value} compared with the decimal {@code bound}, as {@link #compare(Object, long, int)}. */
  static int compare(Object value, BigDecimal bound, int incomparable) {
    if (value instanceof CharSequence text) {
      BigDecimal number = decimal(text);
      return number == null ? incomparable : number.compareTo(bound);
    }
    if (value instanceof Double || value instanceof Float) {
      double number = ((Number) value).doubleValue();
      int infinite = infinite(number, incomparable);
      // A float widens to the double it is, as BigDecimal.valueOf(double) then reads it.
      return infinite != 0 ? infinite : BigDecimal.valueOf(number).compareTo(bound);
    }
    if (value instanceof BigDecimal number) {
      return number.compareTo(bound);
    }
    if (value instanceof BigInteger number) {
      return new BigDecimal(number).compareTo(bound);
    }
    return BigDecimal.valueOf(((Number) value).longValue()).compareTo(bound);
  }

  /** Returns the sign of {@code value}, as {@link #compare(Object, long, int)} with a bound of zero. */
  static int signum(Object value, int incomparable) {
    if (value instanceof CharSequence text) {
      BigDecimal number = decimal(text);
      return number == null ? incomparable : number.signum();
    }
    if (value instanceof Double || value instanceof Float) {
      double number = ((Number) value).doubleValue();
      int infinite = infinite(number, incomparable);
      return infinite != 0 ? infinite : Double.compare(number, 0.0);
    }
    if (value instanceof BigDecimal number) {
      return number.signum();
    }
    if (value instanceof BigInteger number) {
      return number.signum();
    }
    return Long.signum(((Number) value).longValue());
  }

  /** Returns whether {@code value} has at most {@code integer} integral and {@code fraction} fractional digits. */
  static boolean digits(Object value, int integer, int fraction) {
    BigDecimal number;
    if (value instanceof CharSequence text) {
      number = decimal(text);
      if (number == null) {
        return false;
      }
    } else if (value instanceof BigDecimal decimal) {
      number = decimal;
    } else {
      // The number as printed, trailing zeros dropped: 1.50 has one fractional digit, 1.0E10 none.
      number = new BigDecimal(value.toString()).stripTrailingZeros();
    }
    int integerDigits = number.precision() - number.scale();
    int fractionDigits = Math.max(number.scale(), 0);
    return integerDigits <= integer && fractionDigits <= fraction;
  }

  /** Returns text as a number, or null when it is not one. */
  static BigDecimal decimal(CharSequence text) {
    try {
      return new BigDecimal(text.toString());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Returns 1 or -1 for an infinity, {@code incomparable} for NaN, 0 for a finite number. */
  private static int infinite(double number, int incomparable) {
    if (Double.isNaN(number)) {
      return incomparable;
    }
    if (number == Double.POSITIVE_INFINITY) {
      return 1;
    }
    return number == Double.NEGATIVE_INFINITY ? -1 : 0;
  }
}
