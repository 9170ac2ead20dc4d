package dev.envelope.doppler;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;

/**
 * Waits for the background fallback writer by what it leaves on disk, as a user would see it, never
 * through a hook into the provider. A write renames a finished temporary file into place and creates
 * nothing after that, so a file that is seen is complete, and a test that waited for the file of its
 * last write leaves nothing for the writer to add to its directory.
 */
final class FallbackWrites {
  /** A deadline for a write on a slow machine, never a measure of speed. */
  private static final long WAIT_NANOS = 60_000_000_000L;

  private FallbackWrites() {}

  /** Waits until {@code file} exists with contents other than {@code before} (null: any), and returns them. */
  static String awaitNewContents(Path file, String before) throws Exception {
    long deadline = System.nanoTime() + WAIT_NANOS;
    while (true) {
      String contents = readIfPresent(file);
      if (contents != null && !contents.equals(before)) {
        return contents;
      }
      pause(deadline, "no new fallback file at " + file);
    }
  }

  /** Waits until {@code file} decrypts with {@code passphrase} to {@code secrets}. */
  static void awaitSecrets(Path file, String passphrase, Map<String, String> secrets) throws Exception {
    long deadline = System.nanoTime() + WAIT_NANOS;
    String checked = null;
    while (true) {
      String contents = readIfPresent(file);
      // Decrypting costs the key derivation: only new contents are decrypted.
      if (contents != null && !contents.equals(checked)) {
        if (Objects.equals(SecretsJson.parseSecrets(FallbackFile.decrypt(passphrase, contents)), secrets)) {
          return;
        }
        checked = contents;
      }
      pause(deadline, "the fallback file " + file + " never held the expected secrets");
    }
  }

  /** Waits until {@code records} holds something: a failed write leaves only a log record. */
  static void awaitAny(Collection<?> records) throws Exception {
    long deadline = System.nanoTime() + WAIT_NANOS;
    while (records.isEmpty()) {
      pause(deadline, "nothing was logged");
    }
  }

  private static String readIfPresent(Path file) throws IOException {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  private static void pause(long deadline, String failure) throws InterruptedException {
    if (System.nanoTime() - deadline > 0) {
      fail(failure);
    }
    Thread.sleep(10);
  }
}
