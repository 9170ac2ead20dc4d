package dev.envelope.internal.startup;

import dev.envelope.Converter;
import dev.envelope.Name;
import dev.envelope.Problem;
import dev.envelope.internal.schema.ConverterDiscovery;
import dev.envelope.internal.validate.BuiltinConstraints;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipFile;

/**
 * Looks through the whole class path, on a thread of its own, for what an application may add there:
 * converters listed in {@code META-INF/services/dev.envelope.Converter}, a {@code ValidationMessages}
 * bundle, and URL handler providers.
 *
 * <p>Each lookup opens every jar of the class path, and all usually find nothing; so they run while
 * the loading thread reads the schema, on the assumption that nothing will be found, and the schema
 * is read again in the rare case that a converter is. Converters themselves are created on the
 * loading thread ({@link #finish()}), never here: their class initialisation may need a class the
 * loading thread is initialising. For the application class loader the jars are opened here
 * directly, not through the class loader: it opens its jars holding a lock that every class it loads
 * needs, so its own search would stall the loading thread's class loading.
 */
public final class ClassPathScan extends Thread {
  static final String CONVERTERS = "META-INF/services/" + Converter.class.getName();
  static final String URL_HANDLER_PROVIDERS = "META-INF/services/java.net.spi.URLStreamHandlerProvider";

  /**
   * What the search of the application class path found, with the class path and the locale (its
   * message bundle names depend on it) it was made for: later loads (a configuration reload, tests)
   * need neither the search nor a thread for it.
   */
  private static volatile Searched searched;

  private final ClassLoader loader;
  private final List<Problem> problems = new ArrayList<>();
  private Map<Class<?>, Converter<?>> converters = Map.of();
  private boolean converterFiles;
  private boolean applicationMessages;
  private boolean jdkUrlHandlers;
  private Throwable failure;

  private ClassPathScan(ClassLoader loader) {
    super("envelope-class-path-scan");
    this.loader = loader;
    setDaemon(true);
  }

  /**
   * Starts looking through {@code loader}'s class path; where the application class path was
   * searched before, only takes what was found, without a thread.
   */
  static ClassPathScan start(ClassLoader loader) {
    ClassPathScan scan = new ClassPathScan(loader);
    String classPath = scan.applicationClassPath();
    Searched known = searched;
    if (classPath != null && known != null && known.isFor(classPath)) {
      scan.run();
    } else {
      scan.start();
    }
    return scan;
  }

  @Override
  public void run() {
    try {
      boolean[] found = null;
      String classPath = applicationClassPath();
      if (classPath != null) {
        Searched known = searched;
        if (known == null || !known.isFor(classPath)) {
          boolean[] result = findOnClassPath(classPath, BuiltinConstraints.applicationMessageResources());
          known = result == null ? null : new Searched(classPath, Locale.getDefault().toString(), result);
          searched = known;
        }
        found = known == null ? null : known.found;
      }
      if (found != null) {
        converterFiles = found[0];
        applicationMessages = found[1];
        String handlerPackages = System.getProperty("java.protocol.handler.pkgs");
        jdkUrlHandlers = !found[2] && (handlerPackages == null || handlerPackages.isBlank());
      } else {
        converterFiles = loader.getResources(CONVERTERS).hasMoreElements();
        applicationMessages = BuiltinConstraints.applicationMessagesPresent(loader);
      }
    } catch (IOException e) {
      converterFiles = true; // Let ServiceLoader look, and report what it cannot read.
      applicationMessages = BuiltinConstraints.applicationMessagesPresent(loader);
    } catch (RuntimeException | Error e) {
      failure = e;
    }
  }

  /**
   * Returns {@code java.class.path} if it is all the loader sees, else null: the loader is the
   * application class loader, not replaced, nothing is appended to the boot class path, and every
   * named module is the JDK's, so that no provider comes from a module declaration. (A native image
   * has an empty class path, and is not searched here either.)
   */
  private String applicationClassPath() {
    String classPath = System.getProperty("java.class.path");
    if (loader != ClassLoader.getSystemClassLoader()
        || classPath == null
        || classPath.isEmpty()
        || System.getProperty("java.system.class.loader") != null
        || !isBlank(System.getProperty("jdk.boot.class.path.append"))) {
      return null;
    }
    for (Module module : ModuleLayer.boot().modules()) {
      String name = module.getName();
      if (!name.startsWith("java.") && !name.startsWith("jdk.")) {
        return null;
      }
    }
    return classPath;
  }

  private static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }

  /**
   * Looks through {@code classPath}, and the jars their manifests' {@code Class-Path} adds, as the
   * application class loader would (entries made canonical, an empty one the working directory, jars
   * read as multi-release); returns whether the converters' service file is there, whether one of
   * {@code messages} is and whether a URL handler provider's service file is, or null if some entry
   * could not be read (then the class loader is asked).
   */
  static boolean[] findOnClassPath(String classPath, String[] messages) {
    boolean[] found = new boolean[3];
    Deque<Path> pending = new ArrayDeque<>();
    try {
      for (String entry : classPath.split(File.pathSeparator, -1)) {
        pending.add(new File(entry.isEmpty() ? "." : entry).getCanonicalFile().toPath());
      }
      Set<Path> seen = new HashSet<>();
      while (!pending.isEmpty() && !(found[0] && found[1] && found[2])) {
        Path entry = pending.removeFirst().toAbsolutePath().normalize();
        if (!seen.add(entry)) {
          continue;
        }
        if (Files.isDirectory(entry)) {
          found[0] |= Files.exists(entry.resolve(CONVERTERS));
          found[2] |= Files.exists(entry.resolve(URL_HANDLER_PROVIDERS));
          for (String message : messages) {
            found[1] |= Files.exists(entry.resolve(message));
          }
        } else if (Files.isRegularFile(entry)) {
          try (JarFile jar = new JarFile(entry.toFile(), false, ZipFile.OPEN_READ, Runtime.version())) {
            found[0] |= jar.getJarEntry(CONVERTERS) != null;
            found[2] |= jar.getJarEntry(URL_HANDLER_PROVIDERS) != null;
            for (String message : messages) {
              found[1] |= jar.getJarEntry(message) != null;
            }
            addManifestClassPath(jar, entry, pending);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
    return found;
  }

  private static void addManifestClassPath(JarFile jar, Path location, Deque<Path> pending) throws IOException {
    Manifest manifest = jar.getManifest();
    String classPath = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
    if (classPath == null) {
      return;
    }
    for (String relative : classPath.trim().split("\\s+")) {
      if (!relative.isEmpty()) {
        // Class-Path entries are relative URLs; a jar not found is skipped, as the class loader does.
        pending.add(Path.of(location.getParent().toUri().resolve(relative)));
      }
    }
  }

  /** What a search of the application class path found, and for which class path and locale. */
  private static final class Searched {
    final String classPath;
    final String locale;
    final boolean[] found;

    Searched(String classPath, String locale, boolean[] found) {
      this.classPath = classPath;
      this.locale = locale;
      this.found = found;
    }

    boolean isFor(String classPath) {
      return this.classPath.equals(classPath) && locale.equals(Locale.getDefault().toString());
    }
  }

  /**
   * Waits for the scan, then, on the calling thread, loads the converters it found listed; what it
   * found is then readable.
   */
  ClassPathScan finish() {
    boolean interrupted = false;
    while (true) {
      try {
        join();
        break;
      } catch (InterruptedException e) {
        interrupted = true; // Finish the scan regardless, and keep the interrupt for the caller.
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (failure instanceof RuntimeException e) {
      throw e;
    }
    if (failure instanceof Error e) {
      throw e;
    }
    if (converterFiles) {
      converters = ConverterDiscovery.discover(loader, problems);
    }
    return this;
  }

  /** Returns the converters listed in {@code META-INF/services}, by type. */
  Map<Class<?>, Converter<?>> converters() {
    return converters;
  }

  /** Returns the problems with listed converters. */
  List<Problem> problems() {
    return problems;
  }

  /**
   * Returns whether the JDK's own handlers serve http, https and ftp URLs: the class path has no
   * {@code URLStreamHandlerProvider} and no handler package is configured. (A {@code
   * URLStreamHandlerFactory} an application installs cannot be seen; one that parses these protocols
   * differently from the JDK is not known to exist.)
   */
  boolean jdkUrlHandlers() {
    return jdkUrlHandlers;
  }

  /** Returns whether the application brings its own {@code ValidationMessages} bundle. */
  boolean applicationMessages() {
    return applicationMessages;
  }
}
