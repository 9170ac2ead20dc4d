package dev.envelope.gcp;

/** What one {@code AccessSecretVersion} call came to: a payload, no such secret, or a problem. */
sealed interface Outcome {
  /**
   * The payload of a version, checksum verified; {@link #toString()} shows only the version.
   *
   * @param version the version number Secret Manager resolved the request to
   * @param text the payload, decoded as UTF-8
   */
  record Accessed(String version, String text) implements Outcome {
    @Override
    public String toString() {
      return "Accessed[version " + version + "]";
    }
  }

  /** The secret does not exist (or has no versions): the variable is left to the other sources. */
  record Absent() implements Outcome {}

  /**
   * A problem fit for people, without a value or a credential.
   *
   * @param message what went wrong and how to fix it, without the secret's name (the caller adds it)
   */
  record Failed(String message) implements Outcome {}
}
