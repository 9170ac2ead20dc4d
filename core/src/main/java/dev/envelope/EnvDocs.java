package dev.envelope;

import dev.envelope.internal.docs.DotEnvExample;
import dev.envelope.internal.docs.EnvDocsModel;
import dev.envelope.internal.docs.MarkdownReference;
import java.util.List;
import java.util.Objects;

/**
 * Generates documentation from a schema alone: a {@code .env.example} and a Markdown reference table.
 * Neither reads the environment, and neither ever contains a secret's value.
 *
 * <p>The output depends only on the schema, so it is stable and meant to be committed; the test kit
 * ({@code envelope-junit}) checks that a committed copy still matches. Custom types are described by
 * their simple name and need a converter discoverable by {@link java.util.ServiceLoader}, as for
 * {@link Env#load}.
 */
public final class EnvDocs {
  private EnvDocs() {}

  /**
   * Returns a {@code .env.example} for {@code schema}: every variable with its description, type,
   * default and the profiles that require it. Variables required in most profiles are uncommented and
   * empty; optional ones and ones with a default are commented out, with the default as value. Secrets
   * are marked and never given a value.
   *
   * @throws EnvException if the schema itself is not usable (problems of kind {@code SCHEMA})
   */
  public static String dotEnvExample(Class<? extends Record> schema) {
    return DotEnvExample.render(EnvDocsModel.of(Objects.requireNonNull(schema, "schema")));
  }

  /**
   * Returns a Markdown reference for {@code schema}: a heading and a table with one row per variable
   * (name, type, which profiles require it, default, description).
   *
   * @throws EnvException if the schema itself is not usable (problems of kind {@code SCHEMA})
   */
  public static String markdownReference(Class<? extends Record> schema) {
    return MarkdownReference.render(EnvDocsModel.of(Objects.requireNonNull(schema, "schema")));
  }

  /**
   * Returns the names of the variables that must be set for {@code schema} to load in {@code
   * profile}, in schema order: those that are not optional and have no default for the profile, and
   * optional ones marked {@link RequiredIn} the profile. The profile variable ({@code APP_ENV}) is never
   * required.
   *
   * @throws EnvException if the schema itself is not usable (problems of kind {@code SCHEMA})
   * @throws IllegalArgumentException if {@code profile} is not a valid profile name
   */
  public static List<String> requiredVariables(Class<? extends Record> schema, String profile) {
    Profile active = Profile.of(profile);
    return List.copyOf(EnvDocsModel.of(Objects.requireNonNull(schema, "schema")).requiredIn(active));
  }

  /**
   * Returns the profiles that {@code schema} names in {@link RequiredIn} and {@link DefaultIn}, by
   * their canonical names ({@code prod} is {@code production}), in schema order: the profiles whose
   * rules differ, which a check of every profile must cover besides the standard ones.
   *
   * @throws EnvException if the schema itself is not usable (problems of kind {@code SCHEMA})
   */
  public static List<String> namedProfiles(Class<? extends Record> schema) {
    return EnvDocsModel.of(Objects.requireNonNull(schema, "schema")).namedProfiles();
  }
}
