package dev.envelope.internal.sources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps what was made of a file (its text, its parsed entries) for as long as the file's
 * modification time, size and identity stay the same, so that a live configuration's idle refresh
 * costs one {@code stat} per file instead of a read and a parse. One per live configuration, shared
 * by its loads (a one-off load reads every file and keeps nothing); thread-safe.
 *
 * <p>Identity is the file key ({@code dev}+{@code inode} on Unix): a file replaced by a rename, as
 * editors and the kubelet do, is a new file even if its time and size are the old ones'. Two limits
 * of time stamps are handled rather than trusted. A file modified within {@value #UNSAFE_MILLIS} ms
 * before it was read (or dated in the future) is not kept, because a second write in the same
 * tick of a coarse clock (FAT, HFS+, some network file systems) would leave every attribute as it
 * was; and a file that changed while being read is not kept either. What remains undetectable is an
 * in-place rewrite of the same size that also sets the old modification time back.
 */
public final class FileCache {
  /** How close to its read a modification may be before the file's time stamp is not trusted. */
  static final long UNSAFE_MILLIS = 2000;
  /** More files than a load names: bounds what pointers that kept changing leave behind. */
  private static final int MAX_FILES = 256;

  /** Makes something of a file's content; called only when the file is new or has changed. */
  public interface Reader<T> {
    /** Returns what {@code path} holds. */
    T read(Path path) throws IOException;
  }

  // Guarded by itself. A plain map and one small class: every class counts on the load path (LoadPathTest).
  private final Map<String, Version> kept = new HashMap<>();

  /**
   * Returns what {@code reader} makes of {@code path}, read again only if the file changed since the
   * last read of the same {@code kind} (a name for what the reader makes, such as {@code text}).
   * Symbolic links are followed: the file that counts is the one read.
   *
   * @throws IOException if the file cannot be read, as {@code reader} or the attributes' read throws
   *     it; nothing is kept then, so the next call reads again
   */
  public <T> T read(Path path, String kind, Reader<T> reader) throws IOException {
    String key = kind + '\u0000' + path;
    Version before = Version.of(path, null);
    synchronized (kept) {
      Version hit = kept.get(key);
      if (hit != null && hit.sameFile(before)) {
        @SuppressWarnings("unchecked")
        T value = (T) hit.value;
        return value;
      }
    }
    long started = System.currentTimeMillis();
    T value;
    try {
      value = reader.read(path);
    } catch (IOException | RuntimeException e) {
      forget(key);
      throw e;
    }
    boolean trusted = before.modified.toMillis() < started - UNSAFE_MILLIS && before.sameFile(Version.of(path, null));
    synchronized (kept) {
      if (!trusted) {
        kept.remove(key);
      } else {
        if (kept.size() >= MAX_FILES && !kept.containsKey(key)) {
          kept.clear();
        }
        kept.put(key, Version.of(before, value));
      }
    }
    return value;
  }

  private void forget(String key) {
    synchronized (kept) {
      kept.remove(key);
    }
  }

  /** One version of a file, told from others by time stamp, size and identity, and what was made of it. */
  private static final class Version {
    final FileTime modified;
    final long size;
    final Object fileKey;
    final Object value;

    private Version(FileTime modified, long size, Object fileKey, Object value) {
      this.modified = modified;
      this.size = size;
      this.fileKey = fileKey;
      this.value = value;
    }

    static Version of(Path path, Object value) throws IOException {
      BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
      return new Version(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey(), value);
    }

    static Version of(Version version, Object value) {
      return new Version(version.modified, version.size, version.fileKey, value);
    }

    boolean sameFile(Version other) {
      return size == other.size && modified.equals(other.modified) && Objects.equals(fileKey, other.fileKey);
    }
  }
}
