package dev.envelope.junit;

import dev.envelope.Default;
import dev.envelope.DefaultIn;
import dev.envelope.Name;
import dev.envelope.Secret;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.Optional;

/**
 * The schema the module's own tests load. {@code PATH} is declared so that tests can show that the
 * real process environment, where it is always set, is never read.
 */
record AppEnv(
    URI appUrl,
    @DefaultIn(profile = "test", value = "test-signing-key-0123456789abcdef0123") @Size(min = 32) Secret<String> jwtSecret,
    @Default("10") int poolMax,
    @Default("info") String logLevel,
    @Name("PATH") Optional<String> path) {

  /** Never printed: shorter than 32 characters, so it also fails the size constraint. */
  static final String SHORT_CANARY = "canary-4b1d-never-print";

  /** Never printed: long enough to be a valid signing key. */
  static final String LONG_CANARY = "canary-9e7f-never-print-this-valid-signing-key";
}
