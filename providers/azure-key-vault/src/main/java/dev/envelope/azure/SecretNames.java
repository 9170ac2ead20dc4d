package dev.envelope.azure;

import java.util.Locale;

/**
 * Maps variable names to Key Vault secret names and back. Key Vault allows only ASCII letters,
 * digits and {@code -} in a name, at most 127 characters, and compares names without regard to
 * case; so {@code DATABASE_URL} is read from {@code database-url}: lower case, {@code _} becomes
 * {@code -}. A variable whose name holds any other character (a {@code @Name("db.url")}) has no
 * Key Vault name unless one is given on the builder.
 */
final class SecretNames {
  /** The longest secret name Key Vault accepts. */
  static final int MAX_LENGTH = 127;

  private SecretNames() {}

  /** Returns the Key Vault name for {@code variable}, or {@code null} if it cannot have one. */
  static String secretName(String variable) {
    if (variable.isEmpty() || variable.length() > MAX_LENGTH) {
      return null;
    }
    StringBuilder name = new StringBuilder(variable.length());
    for (int i = 0; i < variable.length(); i++) {
      char c = variable.charAt(i);
      if (c == '_') {
        name.append('-');
      } else if (isLetterOrDigit(c) || c == '-') {
        name.append(Character.toLowerCase(c));
      } else {
        return null;
      }
    }
    return name.toString();
  }

  /** Returns the variable a listed secret would feed: {@code database-url} gives {@code DATABASE_URL}. */
  static String variableName(String secretName) {
    return secretName.replace('-', '_').toUpperCase(Locale.ROOT);
  }

  /** Returns whether {@code name} is a name Key Vault accepts. */
  static boolean isValid(String name) {
    if (name.isEmpty() || name.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!isLetterOrDigit(c) && c != '-') {
        return false;
      }
    }
    return true;
  }

  /** Returns the key under which Key Vault, which ignores case, knows {@code name}. */
  static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  private static boolean isLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
}
