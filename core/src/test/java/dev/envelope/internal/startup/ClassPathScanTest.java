package dev.envelope.internal.startup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envelope.Converter;
import dev.envelope.Env;
import dev.envelope.Name;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class path scan that runs beside every load: it must find what the class loader would find
 * (service files and message bundles in folders, in jars, and in jars a manifest's {@code Class-Path}
 * adds), since the load trusts it when it finds nothing.
 */
class ClassPathScanTest {
  private static final String[] MESSAGES = {"ValidationMessages.properties"};

  @Test
  void findsNothingWhereNothingIs(@TempDir Path dir) throws IOException {
    Path empty = Files.createDirectories(dir.resolve("classes"));
    Path jar = jar(dir.resolve("lib.jar"), null, "com/example/Thing.class");

    assertThat(ClassPathScan.findOnClassPath(empty + File.pathSeparator + jar, MESSAGES))
        .containsExactly(false, false, false);
  }

  @Test
  void findsServiceFilesAndMessagesInFolders(@TempDir Path dir) throws IOException {
    Path classes = Files.createDirectories(dir.resolve("classes/META-INF/services")).getParent().getParent();
    Files.writeString(classes.resolve(ClassPathScan.CONVERTERS), "com.example.Converter\n");
    Files.writeString(classes.resolve("ValidationMessages.properties"), "");

    assertThat(ClassPathScan.findOnClassPath(classes.toString(), MESSAGES)).containsExactly(true, true, false);
  }

  @Test
  void findsServiceFilesInJarsAndInJarsTheirManifestsAdd(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("lib"));
    jar(dir.resolve("lib/handlers.jar"), null, ClassPathScan.URL_HANDLER_PROVIDERS);
    Path converters = Files.createDirectories(dir.resolve("lib/extra/META-INF/services")).getParent().getParent();
    Files.writeString(converters.resolve(ClassPathScan.CONVERTERS), "com.example.Converter\n");
    // As Surefire and `java -jar` run: one jar whose manifest lists the rest, relative to itself.
    Path launcher = jar(dir.resolve("launcher.jar"), "lib/handlers.jar lib/extra/ lib/missing.jar");

    assertThat(ClassPathScan.findOnClassPath(launcher.toString(), MESSAGES)).containsExactly(true, false, true);
  }

  @Test
  void aManifestClassPathIsResolvedBesideTheJarASymbolicLinkPointsTo(@TempDir Path dir) throws IOException {
    Path real = Files.createDirectories(dir.resolve("real"));
    jar(real.resolve("converters.jar"), null, ClassPathScan.CONVERTERS);
    jar(real.resolve("app.jar"), "converters.jar");
    Path links = Files.createDirectories(dir.resolve("links"));
    Path link = Files.createSymbolicLink(links.resolve("app.jar"), real.resolve("app.jar"));

    assertThat(ClassPathScan.findOnClassPath(link.toString(), MESSAGES)).containsExactly(true, false, false);
  }

  @Test
  void aMultiReleaseJarIsReadAsThisJavaVersionSeesIt(@TempDir Path dir) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(new Attributes.Name("Multi-Release"), "true");
    Path jar = dir.resolve("versioned.jar");
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream writer = new JarOutputStream(out, manifest)) {
      writer.putNextEntry(new JarEntry("META-INF/versions/17/ValidationMessages.properties"));
      writer.closeEntry();
    }

    assertThat(ClassPathScan.findOnClassPath(jar.toString(), MESSAGES)).containsExactly(false, true, false);
  }

  @Test
  void anUnreadableJarLeavesTheSearchToTheClassLoader(@TempDir Path dir) throws IOException {
    Path broken = Files.writeString(dir.resolve("broken.jar"), "not a zip");

    assertThat(ClassPathScan.findOnClassPath(broken.toString(), MESSAGES)).isNull();
  }

  /**
   * The whole path, in a JVM whose application class path lists a converter: the scan finds it, and
   * the schema, first read without it, is read again with it (here it turns a record into one value).
   */
  @Test
  void aConverterListedOnTheApplicationClassPathIsUsed(@TempDir Path dir) throws Exception {
    Path services = Files.createDirectories(dir.resolve("META-INF/services"));
    Files.writeString(services.resolve("dev.envelope.Converter"), PointConverter.class.getName() + "\n");
    String classPath = System.getProperty("java.class.path") + File.pathSeparator + dir;

    assertThat(runJava(classPath, WithPoint.class.getName()))
        .isEqualTo("origin=Point[x=5, y=6] again=Point[x=5, y=6]");
  }

  /**
   * A converter is created on the loading thread: here its class initialisation needs the class
   * whose own initialisation is loading the environment, which another thread would wait for forever.
   */
  @Test
  void aConverterMayNeedTheClassThatIsLoading(@TempDir Path dir) throws Exception {
    Path services = Files.createDirectories(dir.resolve("META-INF/services"));
    Files.writeString(services.resolve("dev.envelope.Converter"), InitConverter.class.getName() + "\n");
    String classPath = System.getProperty("java.class.path") + File.pathSeparator + dir;

    assertThat(runJava(classPath, InitApp.class.getName())).isEqualTo("origin=Point[x=5, y=6]");
  }

  @Test
  void withoutAConverterTheRecordIsAGroup() throws Exception {
    assertThat(runJava(System.getProperty("java.class.path"), WithPoint.class.getName()))
        .isEqualTo("origin=Point[x=1, y=2] again=Point[x=1, y=2]");
  }

  /** A point: a group of two variables, unless a converter reads it from one. */
  public record Point(int x, int y) {}

  /** Reads a point from {@code x,y}. */
  public static final class PointConverter implements Converter<Point> {
    @Override
    public Class<Point> type() {
      return Point.class;
    }

    @Override
    public Point convert(String text) {
      String[] parts = text.split(",");
      return new Point(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
    }
  }

  /** The schema the child JVM loads. */
  public record WithPoint(Point origin) {
    /** Loads twice (the second time from what the first search found) and prints what it got. */
    public static void main(String[] args) {
      System.out.print("origin=" + load().origin() + " again=" + load().origin());
    }

    /** Loads with values for both readings of {@code origin}. */
    static WithPoint load() {
      return Env.builder().hermetic()
          .value("ORIGIN", "5,6").value("ORIGIN_X", "1").value("ORIGIN_Y", "2")
          .load(WithPoint.class);
    }
  }

  /** Loads its environment while it is being initialised. */
  public static final class InitApp {
    static final Point ORIGIN = WithPoint.load().origin();
    static final String NAME = String.valueOf("app");

    /** Prints what it loaded. */
    public static void main(String[] args) {
      System.out.print("origin=" + ORIGIN);
    }
  }

  /** A converter whose class initialisation reads {@link InitApp}. */
  public static final class InitConverter implements Converter<Point> {
    static final String OWNER = InitApp.NAME;

    @Override
    public Class<Point> type() {
      return Point.class;
    }

    @Override
    public Point convert(String text) {
      return new PointConverter().convert(text);
    }
  }

  private static String runJava(String classPath, String mainClass) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(classPath);
    command.add(mainClass);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().clear();
    Process process = builder.start();
    // Its output is a line, which the pipe holds until the process ends (or hangs, and is killed).
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(mainClass + " did not finish within 30 seconds");
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }

  private static Path jar(Path path, String classPath, String... entries) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    if (classPath != null) {
      manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
    }
    try (OutputStream out = Files.newOutputStream(path); JarOutputStream jar = new JarOutputStream(out, manifest)) {
      for (String entry : entries) {
        jar.putNextEntry(new JarEntry(entry));
        jar.write(new byte[] {1});
        jar.closeEntry();
      }
    }
    return path;
  }
}
