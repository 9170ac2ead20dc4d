package dev.envelope.gcp;

import java.util.regex.Pattern;

/**
 * One {@code AccessSecretVersion} call to make: the secret, the version (a number, an alias or
 * {@code latest}), and what its value becomes, either one variable or, for a JSON secret, one
 * variable per key under a prefix.
 *
 * @param secretId the secret's id in the project, for example {@code database-url}
 * @param version the version number, an alias, or {@code latest}
 * @param variable the variable that receives the whole value, or null for a JSON secret
 * @param prefix the prefix of a JSON secret's variables; empty for a plain one
 * @param named whether the configuration names this secret, so that its absence is a problem rather
 *     than a variable left to the other sources
 */
record SecretRead(String secretId, String version, String variable, String prefix, boolean named) {
  static final String LATEST = "latest";

  /** What Secret Manager accepts as a secret id: letters, digits, {@code _} and {@code -}, 1 to 255 of them. */
  static final Pattern SECRET_ID = Pattern.compile("[A-Za-z0-9_-]{1,255}");

  /** A version number, or an alias: a letter, then letters, digits, {@code _} or {@code -}. */
  static final Pattern VERSION = Pattern.compile("[1-9][0-9]{0,18}|[A-Za-z][A-Za-z0-9_-]{0,62}");

  /** Returns the resource name {@code projects/P/secrets/S/versions/V}. */
  String resource(String project) {
    return "projects/" + project + "/secrets/" + secretId + "/versions/" + version;
  }

  boolean json() {
    return variable == null;
  }

  /** Returns the secret and the version asked for, if not the latest: {@code database-url (version 4)}. */
  String describe() {
    if (version.equals(LATEST)) {
      return secretId;
    }
    return secretId + (Character.isDigit(version.charAt(0)) ? " (version " : " (alias ") + version + ")";
  }

  @Override
  public String toString() {
    return describe() + (json() ? " (JSON" + (prefix.isEmpty() ? "" : ", prefix " + prefix) + ")" : " -> " + variable);
  }
}
