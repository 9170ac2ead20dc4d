package dev.envelope.spring;

/**
 * Maps Spring property names to Envelope variable names the way Spring's relaxed binding pairs
 * environment variables with properties: {@code app.url}, {@code app-url}, {@code appUrl} and {@code
 * APP_URL} all name {@code APP_URL}.
 */
final class RelaxedNames {
  private RelaxedNames() {}

  /** Returns the variable {@code property} names, or null for an indexed or empty name. */
  static String toVariable(String property) {
    if (property.isEmpty() || property.indexOf('[') >= 0) {
      return null;
    }
    StringBuilder variable = new StringBuilder(property.length() + 4);
    char previous = 0;
    for (int i = 0; i < property.length(); i++) {
      char c = property.charAt(i);
      if (c == '.' || c == '-' || c == '_') {
        variable.append('_');
      } else if (Character.isUpperCase(c) && (Character.isLowerCase(previous) || Character.isDigit(previous))) {
        variable.append('_').append(c);
      } else {
        variable.append(Character.toUpperCase(c));
      }
      previous = c;
    }
    return variable.toString();
  }

  /** Returns the property most Spring users would write for {@code variable}: {@code app.url}. */
  static String toProperty(String variable) {
    return variable.toLowerCase(java.util.Locale.ROOT).replace('_', '.');
  }
}
