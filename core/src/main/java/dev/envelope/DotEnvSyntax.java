package dev.envelope;

import java.util.Locale;

/**
 * The rules a load reads {@code .env} files with: the {@code dotenv} npm package's or Docker
 * Compose's. Chosen with {@link Env.Builder#dotEnvSyntax} or {@code ENVELOPE_DOTENV_SYNTAX}; see
 * {@code docs/dotenv.md} for the rules of each and where they differ.
 */
public enum DotEnvSyntax {
  /**
   * The {@code dotenv} npm package with {@code dotenv-expand}: references resolve against the
   * environment, then any entry of the profile's files, wherever it is. The default.
   */
  DOTENV,
  /**
   * {@code docker compose --env-file}: {@code $$} is a literal {@code $}, a name alone on a line
   * inherits the process environment's value, and a reference sees only the environment and the
   * lines read before it.
   */
  COMPOSE;

  /** The variable that chooses the syntax when the builder does not. */
  public static final String VARIABLE = "ENVELOPE_DOTENV_SYNTAX";

  /**
   * Returns the syntax named {@code name}, ignoring case: {@code dotenv} or {@code compose}.
   *
   * @throws IllegalArgumentException for any other name; the message lists the known ones
   */
  public static DotEnvSyntax of(String name) {
    String lower = name.trim().toLowerCase(Locale.ROOT);
    for (DotEnvSyntax syntax : values()) {
      if (syntax.name().toLowerCase(Locale.ROOT).equals(lower)) {
        return syntax;
      }
    }
    // The text is the user's own setting, not a secret, but it is left out like every value.
    throw new IllegalArgumentException("is not a .env syntax (known: dotenv, compose)");
  }
}
