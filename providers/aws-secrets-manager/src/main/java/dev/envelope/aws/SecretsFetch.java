package dev.envelope.aws;

import dev.envelope.aws.common.AwsDeadline;
import dev.envelope.spi.ProviderException;
import dev.envelope.spi.ProviderSnapshot;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * One fetch of a provider's secrets: on a refresh, the {@linkplain VersionCheck version check} first
 * (the previous snapshot when no stage moved, else values {@linkplain ReadValues read before} for the
 * secrets whose version did not change), then the reads, then the snapshot or one exception naming
 * every secret that failed. The SDK's exceptions about a whole call are thrown as they are. Not
 * thread-safe: one per fetch.
 */
final class SecretsFetch {
  private final SecretsManagerClient client;
  private final AwsDeadline deadline;
  private final String where;
  private final List<AwsSecret> secrets;
  private final ReadValues readValues;

  SecretsFetch(SecretsManagerClient client, AwsDeadline deadline, String where, List<AwsSecret> secrets, ReadValues readValues) {
    this.client = client;
    this.deadline = deadline;
    this.where = where;
    this.secrets = secrets;
    this.readValues = readValues;
  }

  /**
   * Returns the snapshot of the secrets, or {@code previous} itself when it is still current.
   *
   * @throws ProviderException naming every secret that could not be read or expanded, and why
   */
  ProviderSnapshot run(ProviderSnapshot previous) throws ProviderException {
    SecretReader reader = new SecretReader(client, deadline);
    // An empty previous version means DescribeSecret was denied before: read in full, ask no more.
    boolean checked = previous == null || !previous.version().isEmpty();
    if (previous != null && checked) {
      Map<String, String> versions = new VersionCheck(client, deadline).versions(secrets);
      if (versions == null) {
        checked = false;
      } else if (VersionCheck.token(where, versions).equals(previous.version())) {
        return previous;
      } else {
        for (AwsSecret secret : secrets) {
          String key = SecretReader.key(secret);
          SecretReader.SecretValue known = readValues.get(where, key, versions.get(key));
          if (known != null) {
            reader.reuse(secret, known);
          }
        }
      }
    }
    reader.read(secrets);
    ProviderSnapshot.Builder snapshot = ProviderSnapshot.builder();
    Set<String> seen = new HashSet<>();
    List<String> problems = new ArrayList<>();
    Map<String, String> versions = new LinkedHashMap<>();
    for (AwsSecret secret : secrets) {
      SecretReader.SecretValue value = reader.value(secret);
      if (value == null) {
        problems.add(secret.describe() + ": " + reader.failure(secret));
      } else {
        SecretExpander.expand(secret, value, snapshot, seen, problems);
        versions.put(SecretReader.key(secret), value.versionId);
      }
    }
    if (!problems.isEmpty()) {
      throw failure(reader, problems);
    }
    for (AwsSecret secret : secrets) {
      readValues.remember(where, SecretReader.key(secret), reader.value(secret));
    }
    List<String> notes = new ArrayList<>();
    if (reader.batchDenied()) {
      notes.add("BatchGetSecretValue was denied, so each secret was read with GetSecretValue;"
          + " allow secretsmanager:BatchGetSecretValue to make fewer calls");
    }
    if (!checked) {
      notes.add("DescribeSecret was denied, so each refresh reads every value; allow secretsmanager:DescribeSecret"
          + " on the secrets (and restart) to make a refresh that finds nothing changed read no value");
    }
    return snapshot.note(String.join("; ", notes)).version(checked ? VersionCheck.token(where, versions) : "").build();
  }

  private ProviderException failure(SecretReader reader, List<String> problems) {
    String denied = reader.batchDenied() ? " (BatchGetSecretValue was denied, so each was read with GetSecretValue)" : "";
    // A secret that exists in another region or account is "not found": say where we looked.
    String lookedIn =
        problems.stream().anyMatch(p -> p.contains(": ResourceNotFoundException: ")) ? "; looked in " + where : "";
    return new ProviderException(
        (problems.size() == 1 ? "" : problems.size() + " problems" + denied + ": ")
            + String.join("; ", problems)
            + (problems.size() == 1 ? denied : "")
            + lookedIn);
  }
}
