package dev.envelope.examples.rotation;

import dev.envelope.Secret;

/**
 * The service's environment: where the database is, and its credentials. The password comes from a
 * mounted Kubernetes Secret and rotates while the service runs.
 */
public record AppEnv(Database database) {
  /** {@code DATABASE_URL}, {@code DATABASE_USER}, {@code DATABASE_PASSWORD}. */
  public record Database(String url, String user, Secret<String> password) {}
}
