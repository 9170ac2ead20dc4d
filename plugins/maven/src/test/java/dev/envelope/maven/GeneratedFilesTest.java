package dev.envelope.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envelope.Default;
import dev.envelope.EnvDocs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedFilesTest {
  @TempDir Path directory;

  record AppEnv(String smtpHost, @Default("8080") int port) {}

  @Test
  void writeCreatesBothFilesThenFindsNothingToDo() throws Exception {
    GeneratedFiles files = files();

    assertThat(files.write()).containsExactlyInAnyOrder(directory.resolve(".env.example"), directory.resolve("docs/env.md"));
    assertThat(Files.readString(directory.resolve(".env.example"))).isEqualTo(EnvDocs.dotEnvExample(AppEnv.class));
    assertThat(files.write()).isEmpty();
    assertThat(files.drift()).isEmpty();
  }

  @Test
  void driftNamesTheFileAndTheFirstDifferentLine() throws Exception {
    files().write();
    Path example = directory.resolve(".env.example");
    Files.writeString(example, Files.readString(example).replace("SMTP_HOST=", "MAIL_HOST="));

    assertThat(files().drift()).singleElement().asString()
        .startsWith(example + " is out of date with the schema (line ")
        .endsWith(": expected 'SMTP_HOST=', found 'MAIL_HOST=')");
  }

  @Test
  void aFileThatIsNotCommittedIsNotDrift() throws Exception {
    Files.writeString(directory.resolve(".env.example"), EnvDocs.dotEnvExample(AppEnv.class).replace("\n", "\r\n"));

    assertThat(files().drift()).isEmpty();
  }

  @Test
  void firstDifferenceReportsAShorterFile() {
    assertThat(GeneratedFiles.firstDifference("a\n", "a\nb\n")).isEqualTo("line 2: expected 'b', found ''");
    assertThat(GeneratedFiles.firstDifference("a", "a\nb")).isEqualTo("line 2: expected 'b', found end of file");
  }

  private GeneratedFiles files() {
    return GeneratedFiles.of(AppEnv.class, directory.resolve(".env.example").toFile(), directory.resolve("docs/env.md").toFile());
  }
}
