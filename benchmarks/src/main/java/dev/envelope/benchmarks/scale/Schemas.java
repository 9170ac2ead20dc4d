package dev.envelope.benchmarks.scale;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Writes and compiles the generated schemas of the scale benchmark: {@code n} variables in groups of
 * 20 (nested records, as a large application groups its settings; a record has at most 255
 * components), each group 10 {@code @NotBlank} texts, 5 ranged ints, 3 booleans and 2 durations.
 */
final class Schemas {
  static final String PACKAGE = "dev.envelope.benchmarks.scale.generated";

  private Schemas() {}

  /** Returns the simple name of the schema of {@code n} variables. */
  static String name(int n) {
    return "Schema" + n;
  }

  /** Writes the sources of the schema of {@code n} variables (a multiple of 20) under {@code sources}. */
  static List<Path> write(Path sources, int n) throws IOException {
    Path dir = sources.resolve(PACKAGE.replace('.', '/'));
    Files.createDirectories(dir);
    List<Path> files = new ArrayList<>();
    StringBuilder top = new StringBuilder("package " + PACKAGE + ";\n\npublic record " + name(n) + "(");
    for (int g = 0; g < n / 20; g++) {
      String group = name(n) + "G" + g;
      top.append(g == 0 ? "" : ", ").append(group).append(" g").append(g);
      StringBuilder record = new StringBuilder("package " + PACKAGE + ";\n\n"
          + "import jakarta.validation.constraints.*;\n\npublic record " + group + "(");
      for (int v = 0; v < 20; v++) {
        record.append(v == 0 ? "" : ", ").append(component(v));
      }
      record.append(") {}\n");
      files.add(Files.writeString(dir.resolve(group + ".java"), record, StandardCharsets.UTF_8));
    }
    top.append(") {}\n");
    files.add(Files.writeString(dir.resolve(name(n) + ".java"), top, StandardCharsets.UTF_8));
    return files;
  }

  /** Writes a record of {@code n} secrets {@code S0..}, for the Secrets Manager curve. */
  static List<Path> writeSecrets(Path sources, int n) throws IOException {
    Path dir = sources.resolve(PACKAGE.replace('.', '/'));
    Files.createDirectories(dir);
    StringBuilder record = new StringBuilder("package " + PACKAGE + ";\n\npublic record Secrets" + n + "(");
    for (int i = 0; i < n; i++) {
      record.append(i == 0 ? "" : ", ").append("dev.envelope.Secret<String> s").append(i);
    }
    record.append(") {}\n");
    return List.of(Files.writeString(dir.resolve("Secrets" + n + ".java"), record, StandardCharsets.UTF_8));
  }

  private static String component(int v) {
    if (v < 10) {
      return "@NotBlank String v" + v;
    }
    if (v < 15) {
      return "@Min(1) @Max(1000000) int v" + v;
    }
    return v < 18 ? "boolean v" + v : "java.time.Duration v" + v;
  }

  /** Returns the {@code .env} line that sets variable {@code v} of group {@code g}. */
  static String line(int g, int v) {
    String value = v < 10 ? "text-" + g + "-" + v : v < 15 ? Integer.toString(1000 + v) : v < 18 ? "true" : "15m";
    return "G" + g + "_V" + v + "=" + value;
  }

  /** Compiles {@code files} into {@code classes} against {@code classPath}. */
  static void compile(List<Path> files, Path classes, String classPath) throws IOException {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    if (compiler == null) {
      throw new IllegalStateException("run the scale benchmark on a JDK: it compiles the generated schemas");
    }
    Files.createDirectories(classes);
    List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "-cp", classPath, "--release", "17", "-nowarn"));
    for (Path file : files) {
      arguments.add(file.toString());
    }
    int exit = compiler.run(null, null, null, arguments.toArray(String[]::new));
    if (exit != 0) {
      throw new IllegalStateException("the generated schemas did not compile");
    }
  }
}
