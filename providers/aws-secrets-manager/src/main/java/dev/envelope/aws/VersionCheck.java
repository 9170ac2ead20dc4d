package dev.envelope.aws;

import dev.envelope.aws.common.AwsDeadline;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * Asks Secrets Manager which version each secret's stage labels now, without reading a value: one
 * {@code DescribeSecret} per secret id (its {@code VersionIdsToStages}), as AWS's own caching
 * client does. A secret pinned to a version id needs no call: a version never changes its value.
 *
 * <p>No value crosses the wire, nothing is decrypted with KMS, and no {@code GetSecretValue} event
 * is written to CloudTrail. Not thread-safe: one per fetch.
 */
final class VersionCheck {
  /** Error codes of {@code DescribeSecret} about one secret; the full read that follows reports them. */
  private static final List<String> PER_SECRET_ERRORS =
      List.of("ResourceNotFoundException", "InvalidRequestException", "InvalidParameterException");

  private final SecretsManagerClient client;
  private final AwsDeadline deadline;
  private final Map<String, DescribeSecretResponse> described = new LinkedHashMap<>();
  private boolean denied;

  VersionCheck(SecretsManagerClient client, AwsDeadline deadline) {
    this.client = client;
    this.deadline = deadline;
  }

  /**
   * Returns the version id each of {@code secrets} would read now, by {@link SecretReader#key}; null
   * for a secret whose version could not be told (not found, scheduled for deletion, its stage on no
   * version), which must then be read. Returns null as a whole once {@code DescribeSecret} is denied.
   */
  Map<String, String> versions(List<AwsSecret> secrets) {
    Map<String, String> versions = new LinkedHashMap<>();
    for (AwsSecret secret : secrets) {
      String key = SecretReader.key(secret);
      if (secret.versionId() != null) {
        versions.put(key, secret.versionId());
        continue;
      }
      DescribeSecretResponse description = describe(secret.id());
      if (denied) {
        return null;
      }
      versions.put(key, labelled(description, secret.stage() == null ? AwsSecret.CURRENT_STAGE : secret.stage()));
    }
    return versions;
  }

  /** Returns whether {@code DescribeSecret} was denied. */
  boolean denied() {
    return denied;
  }

  private DescribeSecretResponse describe(String id) {
    if (described.containsKey(id)) {
      return described.get(id);
    }
    DescribeSecretResponse response = null;
    try {
      response = client.describeSecret(b -> b.secretId(id).overrideConfiguration(deadline.override()));
    } catch (SecretsManagerException e) {
      String code = SecretReader.errorCode(e);
      if ("AccessDeniedException".equals(code)) {
        denied = true;
      } else if (!PER_SECRET_ERRORS.contains(code)) {
        throw e;
      }
    }
    described.put(id, response);
    return response;
  }

  private static String labelled(DescribeSecretResponse description, String stage) {
    if (description == null || description.deletedDate() != null) {
      return null;
    }
    for (Map.Entry<String, List<String>> version : description.versionIdsToStages().entrySet()) {
      if (version.getValue().contains(stage)) {
        return version.getKey();
      }
    }
    return null;
  }

  /**
   * Returns the snapshot version for {@code versions} read through {@code where}: a digest of where
   * and of each secret's key and version id, in order; empty if a version is unknown.
   */
  static String token(String where, Map<String, String> versions) {
    StringBuilder identity = new StringBuilder(where);
    for (Map.Entry<String, String> version : versions.entrySet()) {
      if (version.getValue() == null) {
        return "";
      }
      identity.append('\n').append(version.getKey()).append('\t').append(version.getValue());
    }
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return "sm-versions/" + HexFormat.of().formatHex(sha256.digest(identity.toString().getBytes(StandardCharsets.UTF_8)), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
  }
}
