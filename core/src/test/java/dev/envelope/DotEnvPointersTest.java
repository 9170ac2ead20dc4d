package dev.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code NAME_FILE} lines in {@code .env} files, the Docker convention, honoured at the file's precedence. */
class DotEnvPointersTest {
  static final String CANARY = "canary-5d2f-pointer-secret";

  @TempDir Path dir;

  record Config(Secret<String> dbPassword, @Default("x") String mode) {}

  private Env.Builder load() {
    return Env.builder().environment(Map.of()).directory(dir).noDiscoveredProviders();
  }

  @Test
  void aFilePointerInDotEnvIsRead() throws IOException {
    Files.writeString(dir.resolve("db-password.txt"), CANARY + "\n");
    Files.writeString(dir.resolve(".env"), "MODE=y\nDB_PASSWORD_FILE=db-password.txt\n");

    Resolution<Config> resolution = load().resolve(Config.class);

    assertThat(resolution.value().dbPassword().reveal()).isEqualTo(CANARY);
    assertThat(resolution.report().variable("DB_PASSWORD").orElseThrow().origin())
        .isEqualTo("file db-password.txt (DB_PASSWORD_FILE in " + dir.resolve(".env") + ":2)");
    assertThat(resolution.toString()).doesNotContain(CANARY);
    assertThat(resolution.report().warnings()).isEmpty();
  }

  @Test
  void aPointerInAHigherFileBeatsAValueInALowerOne() throws IOException {
    Files.writeString(dir.resolve("local.txt"), CANARY);
    Files.writeString(dir.resolve(".env"), "DB_PASSWORD=from-dotenv\n");
    Files.writeString(dir.resolve(".env.local"), "DB_PASSWORD_FILE=local.txt\n");

    assertThat(load().load(Config.class).dbPassword().reveal()).isEqualTo(CANARY);
  }

  @Test
  void bothInOneFileOrAnUnreadableFileAreProblems() throws IOException {
    Files.writeString(dir.resolve(".env"), "DB_PASSWORD=" + CANARY + "\nDB_PASSWORD_FILE=missing.txt\n");

    EnvException both = catchThrowableOfType(EnvException.class, () -> load().load(Config.class));
    Files.writeString(dir.resolve(".env"), "DB_PASSWORD_FILE=missing.txt\n");
    EnvException unreadable = catchThrowableOfType(EnvException.class, () -> load().load(Config.class));

    assertThat(both.problems()).first().isEqualTo(new Problem("DB_PASSWORD", Problem.Kind.INVALID,
        "both DB_PASSWORD and DB_PASSWORD_FILE are set; set only one", dir.resolve(".env") + ":2"));
    assertThat(unreadable.problems()).first().isEqualTo(new Problem("DB_PASSWORD", Problem.Kind.INVALID,
        "DB_PASSWORD_FILE points at a file that cannot be read (NoSuchFileException)", dir.resolve(".env") + ":1"));
    assertThat(both.getMessage() + unreadable.getMessage()).doesNotContain(CANARY);
  }
}
