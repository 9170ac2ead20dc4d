package dev.envelope.kubernetes;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Tells a live configuration that a secrets directory changed, from a {@link WatchService} on the
 * directory itself: for a Kubernetes volume, the kubelet's rename of {@code ..data_tmp} onto {@code
 * ..data}; for a plain directory such as Docker's {@code /run/secrets}, a file created, replaced,
 * written or removed.
 *
 * <p>The watch is on the mount directory, which the kubelet keeps, and not on the key files or the
 * version directory {@code ..data} points at, which every update replaces (a watch on those would
 * see one update and then nothing). The events of one update (a new version directory, the link
 * swap, new and removed key links) are gathered until {@value #SETTLE_MILLIS} ms pass without one,
 * at most {@value #MAX_SETTLE_MILLIS} ms, and announced once, so that a refresh reads the finished
 * update. A directory that is missing, or was removed (which cancels its watch), is looked for every
 * {@value #REARM_MILLIS} ms and watched again when it is back. Keys in subdirectories of a plain
 * directory are not watched; the refresh interval finds their changes.
 *
 * <p>One daemon thread per watch; {@link #close()} ends it and waits for it.
 */
final class DirectoryWatch implements AutoCloseable {
  static final long SETTLE_MILLIS = 100;
  static final long MAX_SETTLE_MILLIS = 1000;
  static final long REARM_MILLIS = 1000;

  private final WatchService service;
  private final Map<WatchKey, Path> watched = new HashMap<>();
  /** Directories not watched now: missing at the start, or removed since. */
  private final Set<Path> unwatched = new LinkedHashSet<>();
  private final Runnable changed;
  private final Thread thread;

  private DirectoryWatch(WatchService service, Runnable changed, String name) {
    this.service = service;
    this.changed = changed;
    this.thread = new Thread(new Loop(this), name);
    thread.setDaemon(true);
  }

  /**
   * Starts watching {@code directories}; {@code changed} is called, on the watch's own thread named
   * {@code name}, after each change.
   *
   * @throws IOException if the file system cannot watch them
   */
  static DirectoryWatch start(List<Path> directories, String name, Runnable changed) throws IOException {
    WatchService service = directories.get(0).getFileSystem().newWatchService();
    DirectoryWatch watch = new DirectoryWatch(service, changed, name);
    try {
      for (Path directory : directories) {
        if (!watch.arm(directory)) {
          watch.unwatched.add(directory);
        }
      }
    } catch (IOException | RuntimeException e) {
      service.close();
      throw e;
    }
    watch.thread.start();
    return watch;
  }

  /**
   * Returns whether an entry named {@code name} appearing, changing or going away in a watched
   * directory may change the secrets: the kubelet's bookkeeping ({@code ..2026_12_01_10_15_30.1234},
   * {@code ..data_tmp}) does not; the swap of {@code ..data}, which completes an update, does.
   */
  static boolean announcesChange(String name) {
    return name.equals(MountedDirectory.DATA_LINK) || !name.startsWith("..");
  }

  /** Stops watching and waits for the watch's thread to end. */
  @Override
  public void close() throws IOException {
    service.close();
    thread.interrupt();
    if (Thread.currentThread() != thread) {
      try {
        thread.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Watches {@code directory} if it is there; returns whether it is watched. */
  private boolean arm(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return false;
    }
    WatchKey key = directory.register(service, StandardWatchEventKinds.ENTRY_CREATE,
        StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY);
    watched.put(key, directory);
    return true;
  }

  /** Runs until the service closes: waits for events, gathers an update's, announces it. */
  private void watch() throws InterruptedException {
    while (true) {
      WatchKey key = unwatched.isEmpty() ? service.take() : service.poll(REARM_MILLIS, TimeUnit.MILLISECONDS);
      boolean change = key != null && drain(key);
      if (change) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MAX_SETTLE_MILLIS);
        WatchKey more;
        while (System.nanoTime() < end && (more = service.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS)) != null) {
          drain(more);
        }
      }
      change |= rearm();
      if (change) {
        announce();
      }
    }
  }

  /** Takes the key's events; returns whether one of them may change the secrets. */
  private boolean drain(WatchKey key) {
    boolean change = false;
    for (WatchEvent<?> event : key.pollEvents()) {
      // An overflow lost events: assume the worst.
      change |= event.kind() == StandardWatchEventKinds.OVERFLOW
          || announcesChange(event.context().toString());
    }
    if (!key.reset()) {
      // The directory is gone (removed, or unmounted): its secrets with it.
      Path directory = watched.remove(key);
      if (directory != null) {
        unwatched.add(directory);
        change = true;
      }
    }
    return change;
  }

  /** Watches again the directories that came back; returns whether any did. */
  private boolean rearm() {
    boolean back = false;
    for (java.util.Iterator<Path> missing = unwatched.iterator(); missing.hasNext(); ) {
      try {
        if (arm(missing.next())) {
          missing.remove();
          back = true;
        }
      } catch (IOException e) {
        // Removed again between the check and the watch: look again at the next turn.
      }
    }
    return back;
  }

  private void announce() {
    try {
      changed.run();
    } catch (RuntimeException e) {
      // The watch outlives a failing listener; the refresh interval still applies.
      System.getLogger("dev.envelope").log(System.Logger.Level.WARNING,
          "Envelope: " + thread.getName() + ": the change signal failed (" + e.getClass().getName() + ")");
    }
  }

  private static final class Loop implements Runnable {
    private final DirectoryWatch watch;

    Loop(DirectoryWatch watch) {
      this.watch = watch;
    }

    @Override
    public void run() {
      try {
        watch.watch();
      } catch (InterruptedException | ClosedWatchServiceException closed) {
        // close(): the thread ends here.
      }
    }
  }
}
