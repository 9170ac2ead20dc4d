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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.AEADBadTagException;

/**
 * Keeps the last-known-good secrets in an encrypted {@link FallbackFile} and reads them back when
 * Doppler is unavailable.
 *
 * <p>A write happens after every fresh download, on a background daemon thread, so the first key
 * derivation (PBKDF2, {@value FallbackFile#ROUNDS} rounds, about 0.7 s) never delays a load; the
 * derived key is kept, so later writes of a long-running service cost no derivation at all. A
 * process that exits right after loading (a CLI, a job, a function) still gets its file: a shutdown
 * hook waits up to {@link #EXIT_WAIT} for the write in progress. Thread-safe.
 */
final class FallbackStore {
  /** How long the JVM's exit waits for a fallback write in progress. */
  static final Duration EXIT_WAIT = Duration.ofSeconds(5);

  private static final System.Logger LOG = System.getLogger(FallbackStore.class.getName());

  private static final Executor BACKGROUND =
      task -> {
        Thread thread = new Thread(task, "envelope-doppler-fallback-writer");
        // A write cut short by the JVM's exit leaves only a temporary file, never a partial fallback.
        thread.setDaemon(true);
        thread.start();
      };

  private final FallbackLocation location;
  private final AtomicReference<CompletableFuture<Void>> pending =
      new AtomicReference<>(CompletableFuture.completedFuture(null));
  private final AtomicReference<FallbackFile.Key> key = new AtomicReference<>();
  private final AtomicBoolean exitHook = new AtomicBoolean();

  FallbackStore(FallbackLocation location) {
    this.location = location;
  }

  /** Returns whether a fallback file is kept. */
  boolean enabled() {
    return location.enabled();
  }

  FallbackLocation location() {
    return location;
  }

  /** Stores {@code secrets} in the background, after any write still in progress. */
  void write(FallbackLocation.Resolved where, Map<String, String> secrets) {
    byte[] plaintext = SecretsJson.write(secrets);
    registerExitHook();
    Runnable task =
        () -> {
          try {
            FallbackFile.writeAtomically(where.file(), FallbackFile.encrypt(key(where.passphrase()), plaintext));
          } catch (IOException | GeneralSecurityException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not write the Doppler fallback file " + where.file() + " ("
                + e.getClass().getSimpleName() + "); the next load will try again");
          }
        };
    synchronized (pending) {
      // Not updateAndGet: its function may run more than once, and this one starts a write.
      pending.set(pending.get().handle((done, failed) -> null).thenRunAsync(task, BACKGROUND));
    }
  }

  private FallbackFile.Key key(String passphrase) throws GeneralSecurityException {
    FallbackFile.Key known = key.get();
    if (known != null && known.derivedFrom(passphrase)) {
      return known;
    }
    FallbackFile.Key fresh = FallbackFile.derive(passphrase);
    key.set(fresh);
    return fresh;
  }

  private void registerExitHook() {
    if (exitHook.compareAndSet(false, true)) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          pending.get().get(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
          // The JVM is exiting: a write that did not finish leaves the previous file in place.
        }
      }, "envelope-doppler-fallback-exit"));
    }
  }

  /**
   * Stores {@code secrets} in the background if the file does not exist (it was deleted); a write
   * still in progress may be about to create it, and then the file is only written once more.
   */
  void writeIfMissing(FallbackLocation.Resolved where, Map<String, String> secrets) {
    if (!Files.exists(where.file())) {
      write(where, secrets);
    }
  }

  /**
   * Returns the stored secrets, marked in their origins and the snapshot's note as coming from the
   * fallback file and how old it is.
   *
   * @throws ProviderException with {@code unavailable}'s message and why the file could not help
   */
  ProviderSnapshot read(FallbackLocation.Resolved where, DopplerTarget target, DopplerUnavailableException unavailable)
      throws ProviderException {
    String failure = unavailable.getMessage();
    Path file = where.file();
    pending.get().exceptionally(e -> null).join();
    Map<String, String> secrets;
    Instant written;
    try {
      written = Files.getLastModifiedTime(file).toInstant();
      String contents = Files.readString(file, StandardCharsets.UTF_8);
      secrets = SecretsJson.parseSecrets(FallbackFile.decrypt(where.passphrase(), contents));
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
    Duration age = Duration.between(written, Instant.now());
    String shown = Snapshots.age(age);
    if (where.maxAge() != null && age.compareTo(where.maxAge()) > 0) {
      throw new ProviderException(failure + "; the fallback file " + file + " is " + shown + " old, older than"
          + " fallbackMaxAge (" + Snapshots.age(where.maxAge()) + "), so it was not used", unavailable);
    }
    String origin = Snapshots.origin(target, secrets) + " (fallback file, " + shown + " old)";
    String note = "Doppler was unavailable: " + failure + ". Loaded " + target.configLabel()
        + " from the fallback file " + file + ", written " + shown + " ago"
        + (where.maxAge() == null ? "" : " (fallbackMaxAge " + Snapshots.age(where.maxAge()) + ")") + ".";
    // No version: the next fetch downloads in full, never a 304 answered with these stale values.
    return Snapshots.of(secrets, origin, note, "");
  }
}
