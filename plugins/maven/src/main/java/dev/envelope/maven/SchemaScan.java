package dev.envelope.maven;

import dev.envelope.EnvSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the records marked {@link EnvSchema} among a project's compiled classes. A class file that
 * does not name the annotation is not loaded: only the few that do are, without being initialised.
 */
final class SchemaScan {
  /** How the annotation's type is written in a class file's constant pool. */
  private static final byte[] DESCRIPTOR =
      ("L" + EnvSchema.class.getName().replace('.', '/') + ";").getBytes(StandardCharsets.UTF_8);

  private SchemaScan() {}

  /**
   * Returns the binary names of the marked records under {@code classes}, sorted.
   *
   * @throws UncheckedIOException if the directory cannot be read
   */
  static List<String> find(Path classes, ClassLoader loader) {
    List<String> found = new ArrayList<>();
    if (!Files.isDirectory(classes)) {
      return found;
    }
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class")).sorted()::iterator) {
        if (!names(Files.readAllBytes(file))) {
          continue;
        }
        String relative = classes.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
        String name = relative.substring(0, relative.length() - ".class".length());
        try {
          Class<?> type = Class.forName(name, false, loader);
          if (type.isRecord() && type.isAnnotationPresent(EnvSchema.class)) {
            found.add(name);
          }
        } catch (ClassNotFoundException | LinkageError e) {
          // A class that names the annotation but cannot be loaded is reported when it is checked by name.
          found.add(name);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the compiled classes in " + classes, e);
    }
    return found;
  }

  private static boolean names(byte[] bytes) {
    outer:
    for (int i = 0; i + DESCRIPTOR.length <= bytes.length; i++) {
      for (int j = 0; j < DESCRIPTOR.length; j++) {
        if (bytes[i + j] != DESCRIPTOR[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
