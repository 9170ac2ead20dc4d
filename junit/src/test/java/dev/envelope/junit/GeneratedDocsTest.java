package dev.envelope.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.envelope.Default;
import dev.envelope.Description;
import dev.envelope.EnvDocs;
import dev.envelope.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

class GeneratedDocsTest {
  private static final String CANARY = "canary-31aa-committed-by-mistake";

  record SmallEnv(@Description("Where the shop runs.") String appUrl, Secret<String> apiKey, @Default("10") int poolMax) {}

  @Test
  void anUpToDateFilePasses(@TempDir Path directory) throws Exception {
    Path file = Files.writeString(directory.resolve(".env.example"), EnvDocs.dotEnvExample(SmallEnv.class));

    assertThatCode(() -> GeneratedDocs.assertDotEnvExampleUpToDate(SmallEnv.class, file)).doesNotThrowAnyException();
  }

  @Test
  void windowsLineEndingsInTheCommittedFileAreNotDrift(@TempDir Path directory) throws Exception {
    String generated = EnvDocs.markdownReference(SmallEnv.class);
    Path file = Files.writeString(directory.resolve("env.md"), generated.replace("\n", "\r\n"));

    assertThatCode(() -> GeneratedDocs.assertMarkdownReferenceUpToDate(SmallEnv.class, file)).doesNotThrowAnyException();
  }

  @Test
  void aStaleFileFailsWithTheChangedLinesAndHowToRegenerate(@TempDir Path directory) throws Exception {
    String stale = EnvDocs.dotEnvExample(SmallEnv.class).replace("# Where the shop runs.\n", "# Where it runs.\n");
    Path file = Files.writeString(directory.resolve(".env.example"), stale);

    Throwable failure = catchThrowable(() -> GeneratedDocs.assertDotEnvExampleUpToDate(SmallEnv.class, file));

    int line = stale.substring(0, stale.indexOf("# Where it runs.")).split("\n", -1).length;
    assertThat(failure)
        .isInstanceOf(AssertionFailedError.class)
        .hasMessage(file + " is out of date with the schema:\n"
            + "  first difference at line " + line + " (- committed, + generated):\n"
            + "  - # Where it runs.\n"
            + "  + # Where the shop runs.\n"
            + "To regenerate it, run the test with -Denvelope.regenerate=true and commit the result:\n"
            + "  mvn test -Dtest=GeneratedDocsTest -Denvelope.regenerate=true");
  }

  @Test
  void aValueSomeoneCommittedIsMaskedInTheDiff(@TempDir Path directory) throws Exception {
    String edited = EnvDocs.dotEnvExample(SmallEnv.class).replace("API_KEY=\n", "API_KEY=" + CANARY + "\n");
    Path file = Files.writeString(directory.resolve(".env.example"), edited);

    Throwable failure = catchThrowable(() -> GeneratedDocs.assertDotEnvExampleUpToDate(SmallEnv.class, file));

    assertThat(failure).hasMessageContaining("  - API_KEY=****\n  + API_KEY=\n");
    assertThat(EnvAssertionsTest.printed(failure)).doesNotContain(CANARY);
  }

  @Test
  void aMissingFileSaysSo(@TempDir Path directory) {
    Path file = directory.resolve("docs/env.md");

    assertThat(catchThrowable(() -> GeneratedDocs.assertMarkdownReferenceUpToDate(SmallEnv.class, file)))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageStartingWith(file + " does not exist; it is generated from the schema.\nTo regenerate it");
  }

  @Test
  void regeneratingWritesTheFileInsteadOfFailing(@TempDir Path directory) throws Exception {
    Path stale = Files.writeString(directory.resolve(".env.example"), "OLD=\n");
    Path missing = directory.resolve("docs/env.md");

    GeneratedDocs.assertUpToDate(stale, EnvDocs.dotEnvExample(SmallEnv.class), true);
    GeneratedDocs.assertUpToDate(missing, EnvDocs.markdownReference(SmallEnv.class), true);

    assertThat(stale).hasContent(EnvDocs.dotEnvExample(SmallEnv.class));
    assertThat(Files.readString(missing)).isEqualTo(EnvDocs.markdownReference(SmallEnv.class));
    assertThatCode(() -> GeneratedDocs.assertDotEnvExampleUpToDate(SmallEnv.class, stale)).doesNotThrowAnyException();
  }

  @Test
  void longChangesAreCut() {
    String committed = "a\n" + "x\n".repeat(30) + "z\n";
    String generated = "a\n" + "y\n".repeat(30) + "z\n";

    String summary = TextDiff.summary(committed, generated);

    assertThat(summary).startsWith("  first difference at line 2 (- committed, + generated):");
    assertThat(summary).contains("  - ... 10 more lines").contains("  + ... 10 more lines");
    assertThat(summary.lines().filter(l -> l.equals("  - x"))).hasSize(20);
  }
}
