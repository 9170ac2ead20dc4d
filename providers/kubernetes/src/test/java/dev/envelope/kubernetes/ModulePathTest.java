package dev.envelope.kubernetes;

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
 * Runs an application module that requires only {@code dev.envelope} on the module path, in a fresh
 * JVM, with {@code dev.envelope.kubernetes} beside it: the mounted-secrets provider is found through
 * the module's {@code provides} clause when {@code ENVELOPE_PROVIDERS} names it. The other tests run
 * on the class path, where the {@code META-INF/services} file does the same.
 */
class ModulePathTest {
  private static final String CANARY = "canary-k8s-module-7";

  @TempDir Path dir;

  @Test
  void applicationModuleFindsTheMountedSecretsProviderThroughItsModuleDescriptor() throws Exception {
    Path mount = Files.createDirectories(dir.resolve("mount"));
    Files.writeString(mount.resolve("db-user"), "app-user\n");
    Files.writeString(mount.resolve("db-password"), CANARY + "\n");
    Path source = Files.createDirectories(dir.resolve("src/demo/demo"));
    Files.writeString(dir.resolve("src/demo/module-info.java"),
        "module demo { requires dev.envelope; opens demo to dev.envelope; }");
    Files.writeString(source.resolve("Main.java"), String.join("\n",
        "package demo;",
        "import dev.envelope.*;",
        "import java.util.Map;",
        "public class Main {",
        "  public record AppEnv(String dbUser, Secret<String> dbPassword) {}",
        "  public static void main(String[] args) {",
        "    AppEnv env = Env.builder().hermetic().values(Map.of(\"ENVELOPE_PROVIDERS\", \"k8s-mount:\" + args[0])).load(AppEnv.class);",
        "    System.out.println(env.dbUser());",
        "    System.out.println(env.dbPassword().reveal().equals(args[1]) + \" \" + env.dbPassword());",
        "    try {",
        "      Env.builder().hermetic().values(Map.of(\"ENVELOPE_PROVIDERS\", \"k8s-mount:\" + args[0] + \"?bogus=1\")).load(AppEnv.class);",
        "    } catch (RuntimeException e) {",
        "      System.out.println(e.getMessage());",
        "    }",
        "  }",
        "}"));
    String modulePath = modulePath();
    Path out = dir.resolve("out");
    Process javac = new ProcessBuilder(tool("javac"), "-d", out.toString(), "--module-path", modulePath,
        "--module-source-path", dir.resolve("src").toString(), "-m", "demo").redirectErrorStream(true).start();
    String compilerOutput = new String(javac.getInputStream().readAllBytes());
    assertThat(javac.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(javac.exitValue()).as(compilerOutput).isZero();

    Process java = new ProcessBuilder(tool("java"), "--module-path", out + File.pathSeparator + modulePath,
        "-m", "demo/demo.Main", mount.toString(), CANARY).redirectErrorStream(true).start();
    String output = new String(java.getInputStream().readAllBytes());
    assertThat(java.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(output).startsWith("app-user\ntrue ");
    // The provider's own URI check ran, so the factory came from dev.envelope.kubernetes.
    assertThat(output).contains("unknown option 'bogus'");
    assertThat(output).doesNotContain(CANARY);
    assertThat(java.exitValue()).as(output).isZero();
  }

  private static String tool(String name) {
    return Path.of(System.getProperty("java.home"), "bin", name).toString();
  }

  /**
   * Returns this module's classes, Envelope's core and their runtime dependencies: no test
   * classes, no JUnit, and not envelope-junit.
   */
  private static String modulePath() {
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> entries = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      boolean classes = entry.endsWith("classes") && !entry.endsWith("test-classes") && !entry.contains("junit");
      boolean runtime = entry.contains("envelope-core") || entry.contains("jackson-core") || entry.contains("smallrye")
          || entry.contains("microprofile") || entry.contains("hibernate-validator") || entry.contains("jakarta.validation")
          || entry.contains("jboss-logging") || entry.contains("classmate") || entry.contains("jakarta.annotation");
      if (classes || runtime) {
        entries.add(entry);
      }
    }
    return String.join(File.pathSeparator, entries);
  }
}
