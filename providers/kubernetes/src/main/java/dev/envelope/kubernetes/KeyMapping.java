package dev.envelope.kubernetes;

import java.util.Locale;

/**
 * Turns a secret's key (a file's path relative to a mounted directory, such as {@code db-password} or
 * {@code db/password}, or a key of a Secret's {@code data}) into a variable name.
 *
 * <p>Implementations must be thread-safe. Returning {@code null} skips the key.
 */
@FunctionalInterface
public interface KeyMapping {
  /**
   * Maps keys the way people name them in Kubernetes to the way variables are named: upper case, with
   * {@code -}, {@code .} and the {@code /} of a nested path turned into {@code _}. {@code
   * db-password}, {@code db.password} and {@code db/password} all become {@code DB_PASSWORD}; {@code
   * DB_PASSWORD} stays as it is. The default.
   */
  KeyMapping ENVIRONMENT_STYLE =
      key -> key.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_').replace('/', '_');

  /** Uses each key unchanged as the variable name; a nested key keeps its {@code /}. */
  KeyMapping IDENTITY = key -> key;

  /** Returns the variable name for {@code key}, or {@code null} to skip the key. */
  String variableFor(String key);

  /**
   * Returns the mapping named {@code name}: {@code env} for {@link #ENVIRONMENT_STYLE}, {@code
   * identity} for {@link #IDENTITY}; used by the {@code keys} option of provider URIs.
   *
   * @throws IllegalArgumentException if the name is neither
   */
  static KeyMapping named(String name) {
    switch (name) {
      case "env":
        return ENVIRONMENT_STYLE;
      case "identity":
        return IDENTITY;
      default:
        throw new IllegalArgumentException(
            "unknown key mapping '" + name + "'; expected 'env' (db-password -> DB_PASSWORD) or 'identity'");
    }
  }
}
