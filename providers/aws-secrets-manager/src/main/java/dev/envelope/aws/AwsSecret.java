package dev.envelope.aws;

import java.util.Objects;

/**
 * Names one secret in AWS Secrets Manager and says how it becomes variables: either a JSON object
 * expanded into one variable per key (optionally under a prefix), or a single variable holding the
 * whole secret.
 *
 * <p>{@code AwsSecret.json("prod/db").withPrefix("DATABASE_")} turns the key {@code PASSWORD} of the
 * secret {@code prod/db} into {@code DATABASE_PASSWORD}; {@code AwsSecret.plain("prod/api-key",
 * "API_KEY")} puts the whole secret into {@code API_KEY}. The version read is the one labelled
 * {@code AWSCURRENT} unless {@link #withStage} or {@link #withVersionId} says otherwise. Instances are
 * immutable; the {@code with} methods return copies.
 */
public final class AwsSecret {
  /** The version stage Secrets Manager labels the current version with. */
  public static final String CURRENT_STAGE = "AWSCURRENT";

  private final String id;
  private final String prefix;
  private final String variable;
  private final String stage;
  private final String versionId;

  private AwsSecret(String id, String prefix, String variable, String stage, String versionId) {
    this.id = id;
    this.prefix = prefix;
    this.variable = variable;
    this.stage = stage;
    this.versionId = versionId;
  }

  /**
   * Returns a secret whose value is a JSON object, each key of which becomes a variable.
   *
   * @param id the secret's name or ARN
   * @throws IllegalArgumentException if {@code id} is blank
   */
  public static AwsSecret json(String id) {
    return new AwsSecret(requireText(id, "secret id"), "", null, null, null);
  }

  /**
   * Returns a secret whose whole value (a plain string, a JSON text, or binary data as base64) is the
   * value of the variable {@code variable}.
   *
   * @param id the secret's name or ARN
   * @throws IllegalArgumentException if {@code id} or {@code variable} is blank
   */
  public static AwsSecret plain(String id, String variable) {
    return new AwsSecret(requireText(id, "secret id"), "", requireText(variable, "variable name"), null, null);
  }

  /**
   * Returns a copy that puts {@code prefix} before the variable name of every key.
   *
   * @throws IllegalStateException if this secret is a {@linkplain #plain plain} one
   */
  public AwsSecret withPrefix(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    if (variable != null) {
      throw new IllegalStateException(
          "secret " + id + " goes into the single variable " + variable + "; a prefix applies only to JSON secrets");
    }
    return new AwsSecret(id, prefix, null, stage, versionId);
  }

  /**
   * Returns a copy that reads the version labelled {@code stage} (for example {@code AWSPREVIOUS})
   * instead of {@code AWSCURRENT}.
   */
  public AwsSecret withStage(String stage) {
    return new AwsSecret(id, prefix, variable, requireText(stage, "version stage"), versionId);
  }

  /** Returns a copy that reads the version with the id {@code versionId}. */
  public AwsSecret withVersionId(String versionId) {
    return new AwsSecret(id, prefix, variable, stage, requireText(versionId, "version id"));
  }

  /** Returns the secret's name or ARN, as given. */
  public String id() {
    return id;
  }

  /** Returns the prefix of the variables of a JSON secret; empty when there is none. */
  public String prefix() {
    return prefix;
  }

  /** Returns the variable that holds the whole secret, or {@code null} for a JSON secret. */
  String variable() {
    return variable;
  }

  /** Returns the version stage asked for, or {@code null} for the default ({@code AWSCURRENT}). */
  String stage() {
    return stage;
  }

  /** Returns the version id asked for, or {@code null}. */
  String versionId() {
    return versionId;
  }

  /**
   * Returns whether {@code BatchGetSecretValue} can read this secret: it always reads the {@code
   * AWSCURRENT} version, so a secret pinned to another stage or to a version id cannot be batched.
   */
  boolean batchable() {
    return versionId == null && (stage == null || stage.equals(CURRENT_STAGE));
  }

  /** Returns the id with the version asked for, if any: {@code prod/db (stage AWSPREVIOUS)}. */
  String describe() {
    if (versionId != null) {
      return id + " (version " + versionId + ")";
    }
    return stage == null ? id : id + " (stage " + stage + ")";
  }

  private static String requireText(String value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof AwsSecret that
        && id.equals(that.id)
        && prefix.equals(that.prefix)
        && Objects.equals(variable, that.variable)
        && Objects.equals(stage, that.stage)
        && Objects.equals(versionId, that.versionId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, prefix, variable, stage, versionId);
  }

  /** Returns how the secret is read and named; a secret has no value here to show. */
  @Override
  public String toString() {
    String into = variable != null ? " -> " + variable : prefix.isEmpty() ? " (JSON)" : " (JSON, prefix " + prefix + ")";
    return "AwsSecret[" + describe() + into + "]";
  }
}
