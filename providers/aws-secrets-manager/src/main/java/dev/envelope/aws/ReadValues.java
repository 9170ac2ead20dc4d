package dev.envelope.aws;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the last value read of each secret, with where it was read (region and endpoint) and
 * its version id, so that a refresh reads only the secrets whose version changed. A version id names
 * one value for good (Secrets Manager refuses to store another value under it), so a remembered
 * value of the version a secret is still labelled with is that secret's value: never stale. Holds
 * one value per secret of the provider. Thread-safe.
 */
final class ReadValues {
  private record Read(String where, SecretReader.SecretValue value) {
    @Override
    public String toString() {
      return "Read[" + where + ", " + value + "]";
    }
  }

  private final ConcurrentHashMap<String, Read> last = new ConcurrentHashMap<>();

  /** Returns the value of {@code key} read through {@code where} if it has {@code versionId}, else null. */
  SecretReader.SecretValue get(String where, String key, String versionId) {
    Read read = last.get(key);
    if (read == null || versionId == null || !read.where.equals(where) || !versionId.equals(read.value.versionId)) {
      return null;
    }
    return read.value;
  }

  /** Remembers {@code value} as the last one of {@code key}, read through {@code where}. */
  void remember(String where, String key, SecretReader.SecretValue value) {
    last.put(key, new Read(where, value));
  }

  /** Returns how many secrets are remembered; never a value. */
  @Override
  public String toString() {
    return "ReadValues[" + last.size() + " secrets]";
  }
}
