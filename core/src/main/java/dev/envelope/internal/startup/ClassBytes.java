package dev.envelope.internal.startup;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.HashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.ZipFile;

/**
 * Reads classes' class files, keeping each jar open until {@link #close()}: a schema's records
 * usually share one jar, and its constraints' types another. Thread-safe: annotations read through
 * it keep it, to read their types' defaults, and may be used by other loads.
 *
 * <p>A class file is read straight from the jar or folder its class was loaded from, where that is a
 * file: the class loader's own resource lookup goes through {@code jar:} URLs, whose machinery costs
 * a cold start more than all the reading. Opening a jar the class loader holds open shares its central
 * directory, so costs little.
 */
public final class ClassBytes implements AutoCloseable {
  /** Reads without keeping jars open: for reads outside the scope of one schema. */
  public static final ClassBytes UNSCOPED = new ClassBytes(true);

  private final Map<Path, JarFile> jars = new HashMap<>();
  private boolean closed;

  /** Creates a reader that keeps jars open until closed. */
  public ClassBytes() {
    this(false);
  }

  private ClassBytes(boolean closed) {
    this.closed = closed;
  }

  /**
   * Returns the bytes of {@code type}'s class file, or null if they cannot be had (a class defined at
   * run time, or one whose loader does not show its class files).
   */
  synchronized byte[] of(Class<?> type) {
    String resource = type.getName().replace('.', '/') + ".class";
    try {
      Path path = location(type);
      if (path != null && Files.isDirectory(path)) {
        Path file = path.resolve(resource);
        if (Files.isRegularFile(file)) {
          return Files.readAllBytes(file);
        }
      } else if (path != null && Files.isRegularFile(path)) {
        byte[] bytes;
        JarFile jar = jars.get(path);
        if (jar == null && closed) {
          try (JarFile once = new JarFile(path.toFile(), false, ZipFile.OPEN_READ, Runtime.version())) {
            bytes = read(once, resource);
          }
        } else {
          if (jar == null) {
            jar = new JarFile(path.toFile(), false, ZipFile.OPEN_READ, Runtime.version());
            jars.put(path, jar);
          }
          bytes = read(jar, resource);
        }
        if (bytes != null) {
          return bytes;
        }
      }
      ClassLoader loader = type.getClassLoader();
      try (InputStream in =
          loader == null ? ClassLoader.getSystemResourceAsStream(resource) : loader.getResourceAsStream(resource)) {
        return in == null ? null : in.readAllBytes();
      }
    } catch (IOException | URISyntaxException | RuntimeException e) {
      return null;
    }
  }

  private static Path location(Class<?> type) throws URISyntaxException {
    ProtectionDomain domain = type.getProtectionDomain();
    CodeSource source = domain == null ? null : domain.getCodeSource();
    URL location = source == null ? null : source.getLocation();
    return location != null && location.getProtocol().equals("file") ? Path.of(location.toURI()) : null;
  }

  private static byte[] read(JarFile jar, String resource) throws IOException {
    JarEntry entry = jar.getJarEntry(resource);
    if (entry == null) {
      return null;
    }
    try (InputStream in = jar.getInputStream(entry)) {
      return in.readAllBytes();
    }
  }

  /** Closes the jars; classes read later open theirs once each. */
  @Override
  public synchronized void close() {
    closed = true;
    for (JarFile jar : jars.values()) {
      try {
        jar.close();
      } catch (IOException e) {
        // Read-only: nothing is lost.
      }
    }
    jars.clear();
  }
}
