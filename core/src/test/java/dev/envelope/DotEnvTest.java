package dev.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.entry;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public facade {@link DotEnv}: strings and files, expansion, errors. */
class DotEnvTest {
  private static final String CANARY = "canary-secret-7d1e";

  @TempDir Path dir;

  @Test
  void parsesAStringIntoAnOrderedMap() {
    Map<String, String> parsed = DotEnv.parse("# app\nexport NAME=demo\nPORT: 8080 # http\nNAME='again'\n");
    assertThat(parsed).containsExactly(entry("NAME", "again"), entry("PORT", "8080"));
  }

  @Test
  void returnedMapIsUnmodifiable() {
    Map<String, String> parsed = DotEnv.parse("A=1\n");
    assertThatThrownBy(() -> parsed.remove("A")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void expandsAgainstTheGivenEnvironmentAndTheEntries() {
    Map<String, String> parsed = DotEnv.parse(
        "HOST=localhost\nURL=http://${HOST}:${PORT:-80}/${APP}\n", Map.of("PORT", "8080"));
    assertThat(parsed).containsExactly(entry("HOST", "localhost"), entry("URL", "http://localhost:8080/"));
  }

  @Test
  void stringWithoutEnvironmentExpandsOnlyAgainstItsEntries() {
    assertThat(DotEnv.parse("A=$HOME|${B}\nB=b\n")).containsEntry("A", "|b");
  }

  @Test
  void malformedStringIsAnIllegalArgumentNamingTheLine() {
    Throwable thrown = catchThrowable(() -> DotEnv.parse("A=1\nTOKEN=\"" + CANARY + "\n"));
    assertThat(thrown)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("(string):2: unterminated double-quoted value of TOKEN: the \" opened on this line is"
            + " never closed");
    assertThat(thrown.getMessage()).doesNotContain(CANARY);
  }

  @Test
  void readsAFileWithByteOrderMarkAndCrlf() throws Exception {
    Path file = dir.resolve(".env");
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] body = "GREETING=\"grüß\r\ndich\"\r\nUSER=${USER:-nobody}\r\n".getBytes(StandardCharsets.UTF_8);
    byte[] content = new byte[bom.length + body.length];
    System.arraycopy(bom, 0, content, 0, bom.length);
    System.arraycopy(body, 0, content, bom.length, body.length);
    Files.write(file, content);

    assertThat(DotEnv.parse(file, Map.of()))
        .containsExactly(entry("GREETING", "grüß\ndich"), entry("USER", "nobody"));
    assertThat(DotEnv.parse(file, Map.of("USER", "ada"))).containsEntry("USER", "ada");
  }

  @Test
  void errorInAFileNamesThePathAndLine() throws Exception {
    Path file = dir.resolve(".env.production");
    Files.writeString(file, "A=1\n\nDB_PASSWORD " + CANARY + "\n");
    Throwable thrown = catchThrowable(() -> DotEnv.parse(file, Map.of()));
    assertThat(thrown)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(file + ":3: expected '=' or ':' after the key, found more text at column 13");
    assertThat(thrown.getMessage()).doesNotContain(CANARY);
  }

  @Test
  void cycleInAFileNamesTheVariables() throws Exception {
    Path file = dir.resolve(".env");
    Files.writeString(file, "A=${B}\nB=${A}\n");
    assertThatThrownBy(() -> DotEnv.parse(file, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(file + ":1: reference cycle A -> B -> A (B at " + file + ":2)");
  }

  @Test
  void missingFileIsAnUncheckedIoError() {
    Path missing = dir.resolve("absent.env");
    assertThatThrownBy(() -> DotEnv.parse(missing, Map.of()))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("cannot read " + missing);
  }

  @Test
  void theExampleOfTheSyntaxPageParsesAsItsCommentsSay() throws java.io.IOException {
    String page = java.nio.file.Files.readString(java.nio.file.Path.of("../docs/dotenv.md"));
    int start = page.indexOf("```dotenv\n") + "```dotenv\n".length();
    String example = page.substring(start, page.indexOf("```", start));

    Map<String, String> parsed = DotEnv.parse(example);

    Map<String, String> expected = new java.util.LinkedHashMap<>();
    expected.put("APP_NAME", "demo");
    expected.put("PORT", "8080");
    expected.put("DATABASE_HOST", "localhost");
    expected.put("DATABASE_URL", "postgres://localhost:5432/app");
    expected.put("GREETING", "Hello,\nWorld");
    expected.put("PRICE", "$5, not expanded");
    expected.put("PASSWORD", "abc#123");
    expected.put("TLS_KEY", "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----");
    org.assertj.core.api.Assertions.assertThat(parsed).containsExactlyEntriesOf(expected);
  }
}
