package dev.envelope.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Lays out a directory the way the kubelet's atomic writer lays out a Secret volume, and updates it
 * the same way: each version in a fresh {@code ..yyyy_MM_dd_HH_mm_ss.N} directory, a {@code ..data}
 * symlink swapped onto it by renaming {@code ..data_tmp}, key symlinks {@code key -> ..data/key}, and
 * the previous version deleted afterwards.
 */
final class KubeletVolume {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy_MM_dd_HH_mm_ss.");

  private final Path root;
  private int version;
  private Set<String> keys = Set.of();

  private KubeletVolume(Path root) {
    this.root = root;
  }

  /** Creates the volume in {@code root} (created if missing) holding {@code files}. */
  static KubeletVolume create(Path root, Map<String, byte[]> files) {
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    KubeletVolume volume = new KubeletVolume(root);
    volume.update(files);
    return volume;
  }

  /** Replaces the volume's content with {@code files}, atomically, as the kubelet does. */
  void update(Map<String, byte[]> files) {
    try {
      Path dataLink = root.resolve("..data");
      Path previous = Files.isSymbolicLink(dataLink) ? root.resolve(Files.readSymbolicLink(dataLink)) : null;
      String name = ".." + LocalDateTime.of(2026, 11, 22, 4, 0).format(STAMP) + (1_000_000_000L + version++);
      Path fresh = Files.createDirectory(root.resolve(name));
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        // A nested item path (items: [{key: db, path: db/password}]) is a directory in the version.
        Files.createDirectories(fresh.resolve(file.getKey()).getParent());
        Files.write(fresh.resolve(file.getKey()), file.getValue());
      }
      Path tmp = root.resolve("..data_tmp");
      Files.createSymbolicLink(tmp, Path.of(name));
      Files.move(tmp, dataLink, StandardCopyOption.ATOMIC_MOVE);
      // The kubelet links only the first segment of each path: db -> ..data/db.
      Set<String> tops = new LinkedHashSet<>();
      for (String key : files.keySet()) {
        tops.add(key.split("/", 2)[0]);
      }
      for (String top : tops) {
        if (!Files.isSymbolicLink(root.resolve(top))) {
          Files.createSymbolicLink(root.resolve(top), Path.of("..data", top));
        }
      }
      for (String gone : keys) {
        if (!tops.contains(gone)) {
          Files.delete(root.resolve(gone));
        }
      }
      keys = tops;
      if (previous != null) {
        deleteTree(previous);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the directory {@code ..data} currently points at. */
  Path currentVersion() {
    try {
      return root.resolve(Files.readSymbolicLink(root.resolve("..data")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
