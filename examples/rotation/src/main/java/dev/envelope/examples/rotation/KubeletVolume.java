package dev.envelope.examples.rotation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Lays out a Secret volume the way the kubelet's atomic writer does: the files live in a timestamped
 * directory, {@code ..data} is a symlink to it, and each key is a symlink through {@code ..data}. An
 * update writes a new directory, points {@code ..data_tmp} at it, renames that over {@code ..data}
 * (one atomic step), then removes the old directory. Stands in for a cluster in the example.
 */
public final class KubeletVolume {
  private static final AtomicInteger GENERATION = new AtomicInteger();

  private final Path root;

  public KubeletVolume(Path root) {
    this.root = root;
  }

  /** Writes {@code files} (key to content) as the volume's new content. */
  public void write(Map<String, String> files) throws IOException {
    Files.createDirectories(root);
    Path previous = Files.isSymbolicLink(root.resolve("..data")) ? root.resolve(Files.readSymbolicLink(root.resolve("..data"))) : null;
    Path next = root.resolve("..2026_12_01_00_00_00." + GENERATION.incrementAndGet());
    Files.createDirectory(next);
    for (Map.Entry<String, String> file : files.entrySet()) {
      Files.writeString(next.resolve(file.getKey()), file.getValue());
    }
    Path tmp = root.resolve("..data_tmp");
    Files.deleteIfExists(tmp);
    Files.createSymbolicLink(tmp, next.getFileName());
    Files.move(tmp, root.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    for (String key : files.keySet()) {
      Path link = root.resolve(key);
      if (!Files.isSymbolicLink(link)) {
        Files.createSymbolicLink(link, Path.of("..data", key));
      }
    }
    if (previous != null) {
      deleteTree(previous);
    }
  }

  /** Removes the volume, as when the pod that mounted it goes away. */
  public void delete() throws IOException {
    if (Files.exists(root)) {
      deleteTree(root);
    }
  }

  // Walks without following links: a key's link is deleted, never what it points to.
  private static void deleteTree(Path top) throws IOException {
    try (Stream<Path> paths = Files.walk(top)) {
      for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(path);
      }
    }
  }
}
