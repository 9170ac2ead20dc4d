package dev.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Holds the package rules of docs/architecture.md over core's sources: the public packages hold only
 * API, the implementation lives in {@code dev.envelope.internal.*}, and dependencies point one way.
 */
class ArchitectureTest {
  private static final Path SOURCES = Path.of("src/main/java");
  private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(dev\\.envelope\\.[\\w.]+);", Pattern.MULTILINE);
  private static final Pattern TOP_LEVEL =
      Pattern.compile("^(public )?(?:final |abstract |sealed )*(?:class|interface|record|enum|@interface) \\w+", Pattern.MULTILINE);

  /** The entry points of the public API: internals are called by them, never the other way round. */
  private static final List<String> ENTRY_POINTS =
      List.of("Env", "EnvLoader", "LiveEnv", "EnvChange", "Resolution", "EnvDocs", "DotEnv");

  @Test
  void thePublicPackagesHoldOnlyPublicTypes() throws IOException {
    List<String> hidden = new ArrayList<>();
    for (String dir : List.of("dev/envelope", "dev/envelope/spi")) {
      for (Path file : javaFiles(SOURCES.resolve(dir), false)) {
        Matcher type = TOP_LEVEL.matcher(Files.readString(file));
        if (type.find() && type.group(1) == null) {
          hidden.add(SOURCES.relativize(file).toString());
        }
      }
    }

    assertThat(hidden).as("implementation classes belong in dev.envelope.internal.*").isEmpty();
  }

  @Test
  void internalsNeverCallTheEntryPointsBack() throws IOException {
    List<String> found = new ArrayList<>();
    for (Path file : javaFiles(SOURCES.resolve("dev/envelope/internal"), true)) {
      Matcher imported = IMPORT.matcher(Files.readString(file));
      while (imported.find()) {
        String name = imported.group(1);
        String simple = name.substring("dev.envelope.".length());
        if (ENTRY_POINTS.contains(simple.split("\\.")[0]) && !simple.contains("internal")) {
          found.add(SOURCES.relativize(file) + " imports " + name);
        }
      }
    }

    assertThat(found).isEmpty();
  }

  @Test
  void everyImplementationClassIsInAStagePackage() throws IOException {
    List<String> loose = new ArrayList<>();
    for (Path file : javaFiles(SOURCES.resolve("dev/envelope/internal"), false)) {
      loose.add(file.getFileName().toString());
    }

    assertThat(loose).as("files directly in dev.envelope.internal").isEmpty();
    try (Stream<Path> stages = Files.list(SOURCES.resolve("dev/envelope/internal"))) {
      assertThat(stages.map(p -> p.getFileName().toString()).sorted())
          .containsExactly("bind", "docs", "dotenv", "load", "report", "schema", "sources", "startup", "validate");
    }
  }

  private static List<Path> javaFiles(Path dir, boolean deep) throws IOException {
    try (Stream<Path> files = deep ? Files.walk(dir) : Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".java") && !p.endsWith("package-info.java")).sorted().toList();
    }
  }
}
