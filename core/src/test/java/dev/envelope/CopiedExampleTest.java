package dev.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cp .env.example .env}: a template's {@code KEY=} line, left to be filled in, is not a value,
 * whatever the type; {@code KEY=""} is the empty string.
 */
class CopiedExampleTest {
  @TempDir Path dir;

  record Mail(String smtpHost, Secret<String> smtpPassword, @Default("25") int smtpPort, Optional<String> smtpFrom) {}

  private Env.Builder load() {
    return Env.builder().environment(Map.of()).directory(dir).noDiscoveredProviders();
  }

  @Test
  void aCopiedExampleReportsEveryRequiredVariableAsMissing() throws IOException {
    Files.writeString(dir.resolve(".env"), EnvDocs.dotEnvExample(Mail.class));

    EnvException e = catchThrowableOfType(EnvException.class, () -> load().load(Mail.class));

    String env = dir.resolve(".env").toString();
    assertThat(e.problems()).extracting(Problem::variable, Problem::message).containsExactly(
        org.assertj.core.groups.Tuple.tuple("SMTP_HOST", "required but not set (" + env + ":" + line("SMTP_HOST=")
            + " has SMTP_HOST= with nothing after it, which counts as unset, as in a copied .env.example; write"
            + " SMTP_HOST=\"\" for an empty value)"),
        org.assertj.core.groups.Tuple.tuple("SMTP_PASSWORD", "required but not set (" + env + ":" + line("SMTP_PASSWORD=")
            + " has SMTP_PASSWORD= with nothing after it, which counts as unset, as in a copied .env.example; write"
            + " SMTP_PASSWORD=\"\" for an empty value)"));
  }

  private int line(String prefix) throws IOException {
    java.util.List<String> lines = Files.readAllLines(dir.resolve(".env"));
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(prefix)) {
        return i + 1;
      }
    }
    throw new AssertionError(prefix + " is not in the generated file");
  }

  @Test
  void quotedEmptyIsTheEmptyStringAndBlankLeavesDefaultsAndLowerFiles() throws IOException {
    Files.writeString(dir.resolve(".env"), "SMTP_HOST=mail.internal\nSMTP_PASSWORD=x\nSMTP_FROM=\"\"\n");
    Files.writeString(dir.resolve(".env.local"), "SMTP_HOST=\nSMTP_PORT=   # left to fill in\n");

    Mail mail = load().load(Mail.class);

    assertThat(mail.smtpHost()).isEqualTo("mail.internal");
    assertThat(mail.smtpPort()).isEqualTo(25);
    assertThat(mail.smtpFrom()).contains("");
  }

  @Test
  void aHashRightAfterTheEqualsSignIsDotenvsEmptyValueNotABlankLine() throws IOException {
    Files.writeString(dir.resolve(".env"), "SMTP_HOST=#mail\nSMTP_PASSWORD=x\n");

    assertThat(load().load(Mail.class).smtpHost()).isEmpty();
  }

  @Test
  void theComposeSyntaxFollowsTheSameRule() throws IOException {
    Files.writeString(dir.resolve(".env"), "SMTP_HOST=\nSMTP_PASSWORD=x\n");

    EnvException e = catchThrowableOfType(EnvException.class,
        () -> load().dotEnvSyntax(DotEnvSyntax.COMPOSE).load(Mail.class));

    assertThat(e.problems()).extracting(Problem::variable).containsExactly("SMTP_HOST");
  }

  @Test
  void anEmptyVariableInTheProcessEnvironmentIsStillAnEmptyString() {
    Mail mail = Env.builder().hermetic().environment(Map.of("SMTP_HOST", "", "SMTP_PASSWORD", "x")).load(Mail.class);

    assertThat(mail.smtpHost()).isEmpty();
  }
}
