package dev.envelope.kubernetes;

import dev.envelope.spi.ProviderException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the files of one secrets directory as one consistent snapshot: a Kubernetes Secret volume
 * (the kubelet's atomic layout) or a plain directory such as Docker's {@code /run/secrets}.
 *
 * <p>The kubelet writes each version of a volume into a fresh {@code ..<timestamp>} directory, points
 * the {@code ..data} symlink at it with an atomic rename, and then deletes the previous directory;
 * each key is a symlink {@code key -> ..data/key}. Following the key symlinks one by one could
 * therefore mix two versions, so this reads every key from the directory {@code ..data} resolved to,
 * and starts again if {@code ..data} moved meanwhile.
 */
final class MountedDirectory {
  static final String DATA_LINK = "..data";

  /** The deepest nesting of key directories read; deeper is refused rather than followed. */
  static final int MAX_DEPTH = 8;

  private final Path directory;
  private final boolean optional;
  private final int maxAttempts;

  MountedDirectory(Path directory, boolean optional, int maxAttempts) {
    this.directory = directory;
    this.optional = optional;
    this.maxAttempts = maxAttempts;
  }

  /**
   * One key: its name (its path relative to the mount, {@code db/password} for a nested one), exact
   * content, and the path people know it by (under the mount).
   */
  record KeyFile(String key, byte[] content, Path path) {}

  /**
   * Returns every key of the directory, sorted by name, all from the same version of the volume.
   *
   * @throws ProviderException if the directory is missing (and not optional), a key cannot be read,
   *     or the volume kept changing while being read
   */
  List<KeyFile> read() throws ProviderException {
    if (!Files.exists(directory)) {
      if (optional) {
        return List.of();
      }
      throw new ProviderException(
          directory + " does not exist; mount the secret volume there, or mark the directory"
              + " optional (?optional=true) if it may be absent");
    }
    if (!Files.isDirectory(directory)) {
      throw new ProviderException(
          directory + " is a file, not a directory of secrets; for a single file set VAR_FILE to it");
    }
    Path dataLink = directory.resolve(DATA_LINK);
    if (!Files.isSymbolicLink(dataLink)) {
      return readKeys(directory);
    }
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      Path target = linkTarget(dataLink);
      if (target == null) {
        continue;
      }
      List<KeyFile> keys;
      try {
        keys = readKeys(directory.resolve(target));
      } catch (ProviderException failure) {
        // A read that fails because the kubelet deleted the old version under us is a swap, not an
        // error; one that fails with ..data unchanged is real.
        if (target.equals(linkTarget(dataLink))) {
          throw failure;
        }
        continue;
      }
      // The kubelet never reuses a version's name, so an unchanged target is an unchanged version.
      if (target.equals(linkTarget(dataLink))) {
        return keys;
      }
    }
    throw new ProviderException(
        directory + " kept changing while being read (" + maxAttempts + " attempts; each Secret"
            + " update replaces its ..data link); try again");
  }

  /**
   * Returns the name of the version {@code ..data} points at, which the kubelet never reuses, so an
   * unchanged name is unchanged content; {@code "absent"} for a missing directory; null for a plain
   * directory, whose version only a full read tells.
   */
  String version() {
    if (!Files.exists(directory)) {
      return "absent";
    }
    Path target = linkTarget(directory.resolve(DATA_LINK));
    return target == null ? null : target.toString();
  }

  private static Path linkTarget(Path dataLink) {
    try {
      return Files.readSymbolicLink(dataLink);
    } catch (IOException e) {
      return null;
    }
  }

  private List<KeyFile> readKeys(Path source) throws ProviderException {
    List<KeyFile> keys = new ArrayList<>();
    readKeys(source, "", 0, keys);
    return keys;
  }

  /**
   * Adds the keys under {@code source} to {@code keys}, sorted by name. A subdirectory holds nested
   * keys, as a Secret projected with {@code items: [{key: db, path: db/password}]} lays them out:
   * the key is its path relative to the mount, {@code db/password}.
   */
  private void readKeys(Path source, String keyPrefix, int depth, List<KeyFile> keys) throws ProviderException {
    if (depth > MAX_DEPTH) {
      throw new ProviderException(directory.resolve(keyPrefix) + " nests directories more than " + MAX_DEPTH
          + " levels deep (a symbolic link loop?)");
    }
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(source)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        // ..data, ..<timestamp> and ..data_tmp belong to the kubelet, not to the Secret.
        if (!name.startsWith("..")) {
          names.add(name);
        }
      }
    } catch (IOException e) {
      throw new ProviderException(
          directory.resolve(keyPrefix) + " cannot be listed (" + e.getClass().getSimpleName() + ")", e);
    }
    names.sort(null);
    for (String name : names) {
      String key = keyPrefix + name;
      Path file = source.resolve(name);
      if (Files.isDirectory(file)) {
        readKeys(file, key + "/", depth + 1, keys);
      } else {
        Path shown = directory.resolve(key);
        keys.add(new KeyFile(key, readKey(file, shown), shown));
      }
    }
  }

  private static byte[] readKey(Path file, Path shown) throws ProviderException {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      Path link = Files.isSymbolicLink(file) ? file : shown;
      if (Files.isSymbolicLink(link)) {
        throw new ProviderException(
            shown + " cannot be read: it is a symbolic link to " + describeLink(link)
                + ", which does not exist", e);
      }
      throw new ProviderException(shown + " cannot be read: it does not exist", e);
    } catch (IOException e) {
      throw new ProviderException(
          shown + " cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
    }
  }

  private static String describeLink(Path link) {
    Path target = linkTarget(link);
    return target == null ? "a missing file" : target.toString();
  }
}
