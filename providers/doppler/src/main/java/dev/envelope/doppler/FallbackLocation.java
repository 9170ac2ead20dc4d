package dev.envelope.doppler;

import dev.envelope.spi.ProviderRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Says where a provider's fallback file is, which passphrase encrypts it, and how old it may be when
 * read: a file named on the builder, or the Doppler CLI's default {@code
 * ~/.doppler/fallback/.secrets-SHA256.json} (the SHA-256 of {@code token:project:config}, or of the
 * token alone when neither is named), so that {@code doppler run} and Envelope share one file.
 * Immutable.
 */
final class FallbackLocation {
  /** Where the Doppler CLI keeps its fallback files, under the home directory. */
  static final Path CLI_DIRECTORY = Path.of(".doppler", "fallback");

  private final Path file;
  private final boolean cliDefault;
  private final Path home;
  private final String passphrase;
  private final Duration maxAge;

  FallbackLocation(Path file, boolean cliDefault, Path home, String passphrase, Duration maxAge) {
    this.file = file;
    this.cliDefault = cliDefault;
    this.home = home;
    this.passphrase = passphrase;
    this.maxAge = maxAge;
  }

  /** One fetch's file and passphrase. */
  record Resolved(Path file, String passphrase, Duration maxAge) {
    @Override
    public String toString() {
      return "Resolved[" + file + "]";
    }
  }

  /** Returns whether a fallback file is kept at all. */
  boolean enabled() {
    return file != null || cliDefault;
  }

  /**
   * Returns the file and passphrase for {@code target}: the builder's passphrase, else the setting
   * {@code DOPPLER_PASSPHRASE}, else the CLI's default; the home directory from the builder, else the
   * setting {@code HOME}, else {@code user.home}.
   */
  Resolved resolve(DopplerTarget target, ProviderRequest request) {
    String secret = passphrase != null
        ? passphrase
        : request.setting("DOPPLER_PASSPHRASE").orElse(target.fallbackPassphrase());
    Path resolved = file;
    if (resolved == null) {
      Path base = home != null ? home : Path.of(request.setting("HOME").orElse(System.getProperty("user.home")));
      resolved = base.resolve(CLI_DIRECTORY).resolve(".secrets-" + sha256(cliName(target)) + ".json");
    }
    return new Resolved(resolved, secret, maxAge);
  }

  /** Returns {@code file}, or a description of the default for {@code toString}. */
  String describe() {
    return file != null ? file.toString() : "~/" + CLI_DIRECTORY + "/ (the Doppler CLI's default)";
  }

  private static String cliName(DopplerTarget target) {
    if (target.project() == null && target.config() == null) {
      return target.token();
    }
    return target.token() + ":" + (target.project() == null ? "" : target.project()) + ":"
        + (target.config() == null ? "" : target.config());
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
  }
}
