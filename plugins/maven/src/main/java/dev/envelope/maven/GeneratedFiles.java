package dev.envelope.maven;

import dev.envelope.EnvDocs;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The files generated from a schema by {@link EnvDocs}: what each should hold, writing them, and
 * telling which committed copies have drifted.
 */
final class GeneratedFiles {
  private final Map<Path, String> expected;

  private GeneratedFiles(Map<Path, String> expected) {
    this.expected = expected;
  }

  static GeneratedFiles of(Class<? extends Record> schema, File dotEnvExample, File markdownReference) {
    return new GeneratedFiles(Map.of(
        dotEnvExample.toPath(), EnvDocs.dotEnvExample(schema),
        markdownReference.toPath(), EnvDocs.markdownReference(schema)));
  }

  /** Writes every file whose content differs; returns the files written. */
  List<Path> write() throws IOException {
    List<Path> written = new ArrayList<>();
    for (Map.Entry<Path, String> file : expected.entrySet()) {
      if (!file.getValue().equals(read(file.getKey()))) {
        Path parent = file.getKey().toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        Files.writeString(file.getKey(), file.getValue());
        written.add(file.getKey());
      }
    }
    return written;
  }

  /**
   * Returns one line per committed file that differs from what the schema generates, naming the
   * first line that differs. A file that does not exist is not checked: the project has not chosen to
   * commit it.
   */
  List<String> drift() throws IOException {
    List<String> drifted = new ArrayList<>();
    for (Map.Entry<Path, String> file : expected.entrySet()) {
      String committed = read(file.getKey());
      if (committed != null && !committed.equals(file.getValue())) {
        drifted.add(file.getKey() + " is out of date with the schema (" + firstDifference(committed, file.getValue()) + ")");
      }
    }
    drifted.sort(null);
    return drifted;
  }

  private static String read(Path file) throws IOException {
    try {
      return Files.readString(file).replace("\r\n", "\n");
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** Names the first line where the two texts differ; generated files never hold secret values. */
  static String firstDifference(String committed, String generated) {
    String[] old = committed.split("\n", -1);
    String[] now = generated.split("\n", -1);
    for (int i = 0; i < Math.max(old.length, now.length); i++) {
      String was = i < old.length ? old[i] : null;
      String is = i < now.length ? now[i] : null;
      if (was == null || !was.equals(is)) {
        return "line " + (i + 1) + ": expected " + quote(is) + ", found " + quote(was);
      }
    }
    return "identical";
  }

  private static String quote(String line) {
    return line == null ? "end of file" : "'" + line + "'";
  }
}
