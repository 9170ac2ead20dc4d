package dev.envelope.internal;

import java.util.List;
import org.hibernate.validator.internal.constraintvalidators.AbstractEmailValidator;

/** Checks the text formats of {@code @Email} and Hibernate Validator's {@code @UUID} as it does. */
final class TextFormats {
  /**
   * Hibernate Validator's own check of an address's local part and domain, used as is: it is a pair
   * of long regular expressions plus IDN handling whose every detail users' inputs depend on, and it
   * needs neither the validator's bootstrap nor an annotation instance.
   */
  private static final AbstractEmailValidator<?> EMAIL = new AbstractEmailValidator<>();

  private static final int[] UUID_GROUPS = {8, 4, 4, 4, 12};

  private TextFormats() {}

  /** Returns whether {@code text} is an email address by {@code @Email}'s rules; the empty text is one. */
  static boolean isEmail(String text) {
    return EMAIL.isValid(text, null);
  }

  /**
   * Returns whether {@code text} is a UUID by {@code @UUID}'s attributes: 36 characters in groups of
   * 8-4-4-4-12 hex digits in the letter case asked for, the nil UUID only if allowed, the version
   * (the 13th digit) and variant (the high bits of the 17th) among those allowed.
   */
  static boolean isUuid(String text, AnnotationData constraint) {
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
}
