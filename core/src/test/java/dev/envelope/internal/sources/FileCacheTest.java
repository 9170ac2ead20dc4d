package dev.envelope.internal.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache of what was made of a file: read again when, and only when, the file changed. */
class FileCacheTest {
  /** Safely in the past: a write now changes the time stamp. */
  static final FileTime LAST_YEAR = FileTime.from(Instant.parse("2025-06-01T10:00:00Z"));
  static final FileTime LATER = FileTime.from(Instant.parse("2025-06-01T10:00:05Z"));

  @TempDir Path dir;

  private final FileCache cache = new FileCache();

  /** A reader that records each read, returning the content it read. */
  static final class CountingReader implements FileCache.Reader<String> {
    final List<String> reads = new ArrayList<>();

    @Override
    public String read(Path path) throws IOException {
      String content = Files.readString(path);
      reads.add(content);
      return content;
    }
  }

  private Path file(String name, String content, FileTime modified) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    Files.setLastModifiedTime(file, modified);
    return file;
  }

  @Test
  void anUnchangedFileIsReadOnce() throws IOException {
    Path file = file(".env", "A=1\n", LAST_YEAR);
    CountingReader reader = new CountingReader();

    for (int i = 0; i < 5; i++) {
      assertThat(cache.read(file, "text", reader)).isEqualTo("A=1\n");
    }

    assertThat(reader.reads).containsExactly("A=1\n");
  }

  @Test
  void aRewriteOfTheSameSizeWithANewModificationTimeIsReadAgain() throws IOException {
    Path file = file(".env", "A=1\n", LAST_YEAR);
    CountingReader reader = new CountingReader();
    cache.read(file, "text", reader);

    file(".env", "A=2\n", LATER);

    assertThat(cache.read(file, "text", reader)).isEqualTo("A=2\n");
    assertThat(reader.reads).containsExactly("A=1\n", "A=2\n");
  }

  @Test
  void aRewriteOfANewSizeIsReadAgainEvenWithTheOldModificationTime() throws IOException {
    Path file = file(".env", "A=1\n", LAST_YEAR);
    CountingReader reader = new CountingReader();
    cache.read(file, "text", reader);

    file(".env", "A=12\n", LAST_YEAR);

    assertThat(cache.read(file, "text", reader)).isEqualTo("A=12\n");
    assertThat(reader.reads).containsExactly("A=1\n", "A=12\n");
  }

  @Test
  void aFileReplacedByARenameIsReadAgainEvenWithTheOldTimeAndSize() throws IOException {
    Path file = file(".env", "A=1\n", LAST_YEAR);
    CountingReader reader = new CountingReader();
    cache.read(file, "text", reader);

    // What editors and the kubelet do: write a new file, rename it over the old one.
    Path replacement = file(".env.tmp", "A=2\n", LAST_YEAR);
    Files.move(replacement, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

    assertThat(cache.read(file, "text", reader)).isEqualTo("A=2\n");
    assertThat(reader.reads).containsExactly("A=1\n", "A=2\n");
  }

  @Test
  void aSymbolicLinkMovedToAnotherFileIsReadAgain() throws IOException {
    Path first = file("v1", "A=1\n", LAST_YEAR);
    file("v2", "A=2\n", LAST_YEAR);
    Path link = Files.createSymbolicLink(dir.resolve("key"), first.getFileName());
    CountingReader reader = new CountingReader();
    cache.read(link, "text", reader);

    Path swapped = Files.createSymbolicLink(dir.resolve("key.tmp"), Path.of("v2"));
    Files.move(swapped, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

    assertThat(cache.read(link, "text", reader)).isEqualTo("A=2\n");
    assertThat(reader.reads).containsExactly("A=1\n", "A=2\n");
  }

  @Test
  void aFileModifiedTooRecentlyToTrustItsTimeStampIsReadEveryTime() throws IOException {
    // A coarse clock could give a second write in the same tick the same time stamp; a time in the
    // future is the same case, and keeps this test independent of how fast it runs.
    Path file = file(".env", "A=1\n", FileTime.from(Instant.now().plus(1, ChronoUnit.DAYS)));
    CountingReader reader = new CountingReader();

    cache.read(file, "text", reader);
    cache.read(file, "text", reader);

    assertThat(reader.reads).hasSize(2);
  }

  @Test
  void aFailedReadIsNotKept() throws IOException {
    Path file = file(".env", "A=1\n", LAST_YEAR);
    List<String> attempts = new ArrayList<>();
    FileCache.Reader<String> failingOnce = path -> {
      attempts.add("read");
      if (attempts.size() == 1) {
        throw new IOException("disk hiccup");
      }
      return Files.readString(path);
    };

    assertThatThrownBy(() -> cache.read(file, "text", failingOnce)).hasMessage("disk hiccup");
    assertThat(cache.read(file, "text", failingOnce)).isEqualTo("A=1\n");
    assertThat(attempts).hasSize(2);
  }

  @Test
  void aMissingFileFailsAsTheFileSystemSaysAndIsNotKept() throws IOException {
    Path file = dir.resolve("absent");
    CountingReader reader = new CountingReader();

    assertThatThrownBy(() -> cache.read(file, "text", reader)).isInstanceOf(NoSuchFileException.class);
    file("absent", "A=1\n", LAST_YEAR);

    assertThat(cache.read(file, "text", reader)).isEqualTo("A=1\n");
  }

  @Test
  void eachKindOfReadingIsKeptApart() throws IOException {
    Path file = file(".env", "A=1\n", LAST_YEAR);
    CountingReader text = new CountingReader();
    CountingReader other = new CountingReader();

    cache.read(file, "text", text);
    cache.read(file, "dotenv DOTENV", other);
    cache.read(file, "text", text);
    cache.read(file, "dotenv DOTENV", other);

    assertThat(text.reads).hasSize(1);
    assertThat(other.reads).hasSize(1);
  }

  @Test
  void twoCachesShareNothing() throws IOException {
    Path file = file(".env", "A=1\n", LAST_YEAR);
    CountingReader reader = new CountingReader();

    cache.read(file, "text", reader);
    new FileCache().read(file, "text", reader);

    assertThat(reader.reads).hasSize(2);
  }
}
