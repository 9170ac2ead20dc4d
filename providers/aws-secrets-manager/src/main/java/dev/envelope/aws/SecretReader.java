package dev.envelope.aws;

import dev.envelope.aws.common.AwsDeadline;
import dev.envelope.aws.common.AwsFailures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.APIErrorType;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretValueEntry;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * Reads the values of a list of secrets with as few calls as Secrets Manager allows: {@code
 * BatchGetSecretValue} for up to {@value #BATCH_LIMIT} secrets a call, and {@code GetSecretValue}
 * for a secret pinned to a version, or for all of them once the batch call is denied.
 *
 * <p>Errors about one secret (not found, access denied, decryption failure) are collected so that
 * every failing secret is reported at once; errors about the whole call (credentials, throttling
 * after retries, the network) are thrown as the SDK's exceptions. Not thread-safe: one per fetch.
 */
final class SecretReader {
  /** The most secret ids {@code BatchGetSecretValue} accepts in one call. */
  static final int BATCH_LIMIT = 20;

  // A paging loop that never ends would be a service bug; this bounds it well above any real answer.
  private static final int MAX_PAGES_PER_BATCH = BATCH_LIMIT + 1;

  /** Error codes that concern one secret, not the call: the other secrets can still be read. */
  private static final Set<String> PER_SECRET_ERRORS =
      Set.of(
          "ResourceNotFoundException",
          "AccessDeniedException",
          "DecryptionFailure",
          "InvalidRequestException",
          "InvalidParameterException");

  private final SecretsManagerClient client;
  private final AwsDeadline deadline;
  private final Map<String, SecretValue> values = new LinkedHashMap<>();
  private final Map<String, String> failures = new LinkedHashMap<>();
  private boolean batchDenied;

  SecretReader(SecretsManagerClient client, AwsDeadline deadline) {
    this.client = client;
    this.deadline = deadline;
  }

  /** A value read from Secrets Manager; {@link #toString()} shows only the version. */
  static final class SecretValue {
    final String versionId;
    final String string;
    final SdkBytes binary;

    SecretValue(String versionId, String string, SdkBytes binary) {
      this.versionId = versionId;
      this.string = string;
      this.binary = binary;
    }

    @Override
    public String toString() {
      return "SecretValue[version " + versionId + "]";
    }
  }

  /**
   * Takes {@code value} as what {@code secret} holds, so that {@link #read} does not ask for it: a
   * value read before, of the version Secrets Manager still labels.
   */
  void reuse(AwsSecret secret, SecretValue value) {
    values.put(key(secret), value);
  }

  /**
   * Reads every secret in {@code secrets} not {@linkplain #reuse reused}; look the results up with
   * {@link #value} and {@link #failure}.
   */
  void read(List<AwsSecret> secrets) {
    Set<String> batchIds = new LinkedHashSet<>();
    List<AwsSecret> pinned = new ArrayList<>();
    for (AwsSecret secret : secrets) {
      if (values.containsKey(key(secret))) {
        continue;
      }
      if (secret.batchable()) {
        batchIds.add(secret.id());
      } else {
        pinned.add(secret);
      }
    }
    List<String> ids = new ArrayList<>(batchIds);
    for (int start = 0; start < ids.size(); start += BATCH_LIMIT) {
      List<String> chunk = ids.subList(start, Math.min(ids.size(), start + BATCH_LIMIT));
      if (!batchDenied && readBatch(chunk)) {
        continue;
      }
      for (String id : chunk) {
        readOne(AwsSecret.json(id));
      }
    }
    for (AwsSecret secret : pinned) {
      readOne(secret);
    }
  }

  /** Returns the value read for {@code secret}, or {@code null} if it failed. */
  SecretValue value(AwsSecret secret) {
    return values.get(key(secret));
  }

  /** Returns why {@code secret} could not be read ({@code ErrorCode: message}), or {@code null}. */
  String failure(AwsSecret secret) {
    return failures.get(key(secret));
  }

  /** Returns whether {@code BatchGetSecretValue} was denied, so that secrets were read one by one. */
  boolean batchDenied() {
    return batchDenied;
  }

  /** Returns the key under which the value of {@code secret} is kept: its id, or id and version for a pinned one. */
  static String key(AwsSecret secret) {
    return secret.batchable() ? secret.id() : secret.describe();
  }

  /** Reads one batch; returns false if the caller may not batch and must read the ids one by one. */
  private boolean readBatch(List<String> chunk) {
    String token = null;
    int pages = 0;
    do {
      String pageToken = token;
      BatchGetSecretValueResponse response;
      try {
        response = client.batchGetSecretValue(b -> b.secretIdList(chunk).nextToken(pageToken).overrideConfiguration(deadline.override()));
      } catch (SecretsManagerException e) {
        if (pages == 0 && "AccessDeniedException".equals(errorCode(e))) {
          batchDenied = true;
          return false;
        }
        throw e;
      }
      for (SecretValueEntry entry : response.secretValues()) {
        String id = match(chunk, entry.name(), entry.arn());
        if (id != null) {
          values.put(id, new SecretValue(entry.versionId(), entry.secretString(), entry.secretBinary()));
        }
      }
      for (APIErrorType error : response.errors()) {
        String id = match(chunk, error.secretId(), error.secretId());
        failures.put(id != null ? id : error.secretId(), error.errorCode() + ": " + error.message());
      }
      token = response.nextToken();
    } while (token != null && !token.isEmpty() && ++pages < MAX_PAGES_PER_BATCH);
    for (String id : chunk) {
      if (!values.containsKey(id) && !failures.containsKey(id)) {
        failures.put(id, "Secrets Manager returned neither a value nor an error for it");
      }
    }
    return true;
  }

  private void readOne(AwsSecret secret) {
    try {
      GetSecretValueResponse response =
          client.getSecretValue(
              b -> b.secretId(secret.id())
                  .versionStage(secret.stage())
                  .versionId(secret.versionId())
                  .overrideConfiguration(deadline.override()));
      values.put(key(secret), new SecretValue(response.versionId(), response.secretString(), response.secretBinary()));
    } catch (SecretsManagerException e) {
      String code = errorCode(e);
      if (!PER_SECRET_ERRORS.contains(code)) {
        throw e;
      }
      failures.put(key(secret), code + ": " + e.awsErrorDetails().errorMessage());
    }
  }

  /**
   * Returns the id in {@code ids} that names the secret {@code name} with ARN {@code arn}: the name,
   * the full ARN, or the ARN without the six random characters Secrets Manager appends.
   */
  private static String match(List<String> ids, String name, String arn) {
    for (String id : ids) {
      if (id.equals(name) || id.equals(arn)) {
        return id;
      }
    }
    for (String id : ids) {
      if (arn != null && arn.length() == id.length() + 7 && arn.startsWith(id) && arn.charAt(id.length()) == '-') {
        return id;
      }
    }
    return null;
  }

  static String errorCode(SecretsManagerException e) {
    String code = AwsFailures.errorCode(e);
    return code == null ? "" : code;
  }
}
