package dev.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs Envelope as a named module ({@code dev.envelope}, from its {@code module-info}) under an
 * application module, in a fresh JVM: the exported API works, constraints are enforced with their
 * messages, and nothing from {@code dev.envelope.internal} is needed. The other tests run on the
 * class path.
 */
class ModulePathTest {
  @TempDir Path dir;

  @Test
  void anApplicationModuleLoadsAndValidatesItsSchema() throws Exception {
    Path source = dir.resolve("src/demo/demo");
    Files.createDirectories(source);
    Files.writeString(dir.resolve("src/demo/module-info.java"),
        "module demo { requires dev.envelope; opens demo to dev.envelope, org.hibernate.validator; }");
    Files.writeString(source.resolve("Main.java"), String.join("\n",
        "package demo;",
        "import dev.envelope.*;",
        "import jakarta.validation.constraints.*;",
        "public class Main {",
        "  public record AppEnv(@Min(1) int port, Secret<String> token, @Pattern(regexp = \"[a-z]+\") String name) {}",
        "  public static void main(String[] args) {",
        "    System.out.println(Env.builder().hermetic().values(java.util.Map.of(\"PORT\", \"8080\", \"TOKEN\", \"canary-mod-1\", \"NAME\", \"x\")).load(AppEnv.class).port());",
        "    try {",
        "      Env.builder().hermetic().values(java.util.Map.of(\"PORT\", \"0\", \"TOKEN\", \"canary-mod-1\", \"NAME\", \"X1\")).load(AppEnv.class);",
        "    } catch (EnvException e) {",
        "      System.out.println(e.getMessage());",
        "    }",
        "  }",
        "}"));
    String modulePath = modulePath();
    Path out = dir.resolve("out");
    Process javac = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "javac").toString(),
        "-d", out.toString(), "--module-path", modulePath, "--module-source-path", dir.resolve("src").toString(),
        "-m", "demo").redirectErrorStream(true).start();
    String compilerOutput = new String(javac.getInputStream().readAllBytes());
    assertThat(javac.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(javac.exitValue()).as(compilerOutput).isZero();

    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--module-path", out + File.pathSeparator + modulePath, "-m", "demo/demo.Main")
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(output).isEqualTo(String.join("\n",
        "8080",
        "Invalid environment for AppEnv (profile development): 2 problems",
        "  PORT  must be greater than or equal to 1  (builder values)",
        "  NAME  must match \"[a-z]+\"                 (builder values)", ""));
  }

  /** Returns Envelope's classes and its runtime dependencies, without the tests' own. */
  private static String modulePath() {
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> entries = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      boolean main = entry.endsWith("classes") && !entry.endsWith("test-classes");
      boolean runtime = entry.contains("smallrye") || entry.contains("microprofile") || entry.contains("hibernate-validator")
          || entry.contains("jakarta.validation") || entry.contains("jboss-logging") || entry.contains("classmate")
          || entry.contains("jakarta.annotation") || entry.contains("io.smallrye.common") || entry.contains("smallrye-common");
      if (main || runtime) {
        entries.add(entry);
      }
    }
    return String.join(File.pathSeparator, entries);
  }
}
