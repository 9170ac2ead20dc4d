package dev.envelope.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Holds the rules that keep a cold start fast to account, in a fresh JVM: the quickstart's load
 * creates no lambda (the first one of a process costs milliseconds of method-handle set-up) and
 * loads a bounded number of classes beyond what the JVM loads to print one line. A change that
 * breaks a rule fails here, wherever it is made.
 */
class LoadPathTest {
  /**
   * Classes the quickstart's load may add to an empty program's: 315 on JDK 17 (311 when this test
   * was written, 332 once the load was split into stage classes, 324 once a one-off load stopped
   * making the report, the file cache and the expander it does not use, 315 once its layers stopped
   * being ConfigSources), with room for another JDK's own classes. Later JDKs load more of their
   * own for the same work (526 on Temurin 25.0.3, most from its class-data archive, among them the
   * class-file library that defines the load's direct calls), so they get a budget of their own.
   */
  static final int MAX_EXTRA_CLASSES = Runtime.version().feature() == 17 ? 322 : 540;

  @TempDir Path dir;

  private List<String> loadedClasses(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xlog:class+load=info", "-cp", System.getProperty("java.class.path"), QuickstartLoad.class.getName()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    List<String> lines = new String(process.getInputStream().readAllBytes()).lines().toList();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(String.join("\n", lines)).isZero();
    return lines;
  }

  private static List<String> classes(List<String> log) {
    List<String> classes = new ArrayList<>();
    for (String line : log) {
      int tag = line.indexOf("[class,load] ");
      if (tag >= 0) {
        String rest = line.substring(tag + "[class,load] ".length());
        classes.add(rest.substring(0, rest.indexOf(' ') < 0 ? rest.length() : rest.indexOf(' ')));
      }
    }
    return classes;
  }

  @Test
  void theQuickstartLoadCreatesNoLambdaAndFewClasses() throws Exception {
    Files.writeString(dir.resolve(".env"), String.join("\n",
        "APP_URL=https://orders.example.com",
        "DATABASE_URL=postgres://localhost:5432/orders",
        "DATABASE_POOL_MAX=20",
        "JWT_SECRET=0123456789abcdef0123456789abcdef",
        "LOG_LEVEL=debug", ""));

    List<String> empty = classes(loadedClasses());
    List<String> log = loadedClasses(dir.toString());
    List<String> loaded = classes(log);

    assertThat(log).contains("loaded 20");
    List<String> lambdas = new ArrayList<>();
    for (String name : loaded) {
      if (isLambda(name) && !empty.contains(name)) {
        lambdas.add(name);
      }
    }
    assertThat(lambdas).as("lambda classes created by the load").isEmpty();
    assertThat(loaded.size() - empty.size()).as("classes the load adds").isLessThanOrEqualTo(MAX_EXTRA_CLASSES);
  }

  /**
   * Returns whether {@code name} is a lambda or method-handle class the load made. On JDK 17 that is
   * any. Later JDKs define a hidden class (the load's direct calls, see {@code DirectCalls}) by
   * parsing it with their class-file library, which uses lambdas and method-handle classes of its
   * own from the JDK's class-data archive; what the load must still not make is a lambda of
   * Envelope's or a method-handle class spun at run time (their names hold a '/').
   */
  private static boolean isLambda(String name) {
    if (Runtime.version().feature() == 17) {
      return name.contains("$$Lambda") || name.contains("LambdaForm$");
    }
    return name.startsWith("dev.envelope.") && name.contains("$$Lambda")
        || name.contains("LambdaForm$") && name.contains("/");
  }
}
