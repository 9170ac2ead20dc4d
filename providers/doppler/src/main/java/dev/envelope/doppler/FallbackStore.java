package dev.envelope.doppler;

import dev.envelope.spi.ProviderException;
import dev.envelope.spi.ProviderSnapshot;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.AEADBadTagException;

/**
 * Keeps the last-known-good secrets in an encrypted {@link FallbackFile} and reads them back when
 * Doppler is unavailable. Writes happen on a background daemon thread, so the key derivation
 * (PBKDF2, {@value FallbackFile#ROUNDS} rounds) never delays a load that succeeded. Thread-safe.
 */
final class FallbackStore {
  private static final System.Logger LOG = System.getLogger(FallbackStore.class.getName());

  private static final Executor BACKGROUND =
      task -> {
        Thread thread = new Thread(task, "envelope-doppler-fallback-writer");
        // A write cut short by the JVM's exit leaves only a temporary file, never a partial fallback.
        thread.setDaemon(true);
        thread.start();
      };

  private final Path file;
  private final AtomicReference<CompletableFuture<Void>> pending =
      new AtomicReference<>(CompletableFuture.completedFuture(null));

  /** Creates a store for {@code file}, or one that does nothing when {@code file} is null. */
  FallbackStore(Path file) {
    this.file = file;
  }

  /** Stores {@code secrets} in the background. */
  void write(DopplerTarget target, Map<String, String> secrets) {
    if (file == null) {
      return;
    }
    String passphrase = target.fallbackPassphrase();
    byte[] plaintext = SecretsJson.write(secrets);
    pending.set(
        CompletableFuture.runAsync(
            () -> {
              try {
                FallbackFile.writeAtomically(file, FallbackFile.encrypt(passphrase, plaintext));
              } catch (IOException | GeneralSecurityException | RuntimeException e) {
                LOG.log(Level.WARNING, "Could not write the Doppler fallback file " + file + " ("
                    + e.getClass().getSimpleName() + "); the next load will try again");
              }
            },
            BACKGROUND));
  }

  /** Stores {@code secrets} in the background if the file does not exist (it was deleted). */
  void writeIfMissing(DopplerTarget target, Map<String, String> secrets) {
    if (file != null && !Files.exists(file) && pending.get().isDone()) {
      write(target, secrets);
    }
  }

  /** Returns the write in progress, or a completed future. */
  CompletableFuture<Void> pending() {
    return pending.get();
  }

  /**
   * Returns the stored secrets, marked in their origins and the snapshot's note as coming from the
   * fallback file and how old it is.
   *
   * @throws ProviderException with {@code unavailable}'s message and why the file could not help
   */
  ProviderSnapshot read(DopplerTarget target, DopplerUnavailableException unavailable) throws ProviderException {
    String failure = unavailable.getMessage();
    if (file == null) {
      throw new ProviderException(failure, unavailable);
    }
    pending.get().exceptionally(e -> null).join();
    Map<String, String> secrets;
    Instant written;
    try {
      written = Files.getLastModifiedTime(file).toInstant();
      String contents = Files.readString(file, StandardCharsets.UTF_8);
      secrets = SecretsJson.parseSecrets(FallbackFile.decrypt(target.fallbackPassphrase(), contents));
    } catch (NoSuchFileException e) {
      throw new ProviderException(failure + "; no fallback file at " + file
          + " yet (it is written after a successful download)", unavailable);
    } catch (AEADBadTagException e) {
      throw new ProviderException(failure + "; the fallback file " + file + " could not be decrypted with this"
          + " token, project and config (another token wrote it, or it was altered)", unavailable);
    } catch (IOException e) {
      throw new ProviderException(failure + "; the fallback file " + file + " could not be read ("
          + e.getClass().getSimpleName() + ")", unavailable);
    } catch (GeneralSecurityException | IllegalArgumentException | SecretsJson.MalformedException e) {
      throw new ProviderException(failure + "; " + file + " is not a Doppler fallback file ("
          + target.redact(e.getMessage()) + ")", unavailable);
    }
    String age = Snapshots.age(Duration.between(written, Instant.now()));
    String origin = Snapshots.origin(target, secrets) + " (fallback file, " + age + " old)";
    String note = "Doppler was unavailable: " + failure + ". Loaded " + target.configLabel()
        + " from the fallback file " + file + ", written " + age + " ago.";
    return Snapshots.of(secrets, origin, note);
  }
}
