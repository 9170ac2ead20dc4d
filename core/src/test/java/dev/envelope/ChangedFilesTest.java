package dev.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envelope.internal.load.LiveState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live configuration's refresh reads a {@code .env} file or a {@code VAR_FILE} again only when the
 * file changed. The proof that an unchanged file is not read: a rewrite that keeps the size and puts
 * the old time stamp back (the one change the check cannot see) goes unnoticed by the loader whose
 * refreshes read the file, and is seen by a one-off load and by a new loader.
 */
class ChangedFilesTest {
  static final String OLD = "canary-old-0f3e-secret";
  static final String NEW = "canary-new-9b2a-secret";
  static final String LONGER = "canary-longer-51c7-secret";
  static final FileTime LAST_YEAR = FileTime.from(Instant.parse("2025-06-01T10:00:00Z"));
  static final FileTime LATER = FileTime.from(Instant.parse("2025-06-01T10:00:05Z"));

  record Config(Secret<String> dbPassword, @Default("x") String mode) {}

  @TempDir Path dir;

  private void write(Path file, String content, FileTime modified) throws IOException {
    Files.writeString(file, content);
    Files.setLastModifiedTime(file, modified);
  }

  private EnvLoader dotEnvLoader() {
    return Env.builder().environment(Map.of()).directory(dir).noDiscoveredProviders().build();
  }

  private EnvLoader varFileLoader(Path file) {
    return Env.builder().environment(Map.of("DB_PASSWORD_FILE", file.toString())).noDotEnvFiles()
        .noDiscoveredProviders().build();
  }

  /** The state of one live configuration per loader, kept across its refreshes as {@code LiveEnv} keeps it. */
  private final Map<EnvLoader, LiveState> live = new IdentityHashMap<>();

  /** Resolves as a refresh of a live configuration of {@code loader} does. */
  private String password(EnvLoader loader) {
    return password(loader.resolve(Config.class, live.computeIfAbsent(loader, any -> new LiveState())));
  }

  private static String oneOffPassword(EnvLoader loader) {
    return password(loader.resolve(Config.class));
  }

  private static String password(Resolution<Config> resolution) {
    assertThat(resolution.toString() + resolution.report()).doesNotContain(OLD, NEW, LONGER);
    return resolution.value().dbPassword().reveal();
  }

  @Test
  void anUnchangedDotEnvFileIsNotReadAgain() throws IOException {
    Path env = dir.resolve(".env");
    write(env, "DB_PASSWORD=" + OLD + "\n", LAST_YEAR);
    EnvLoader loader = dotEnvLoader();
    assertThat(password(loader)).isEqualTo(OLD);

    write(env, "DB_PASSWORD=" + NEW + "\n", LAST_YEAR);

    assertThat(password(loader)).isEqualTo(OLD);
    assertThat(oneOffPassword(loader)).isEqualTo(NEW);
    assertThat(password(dotEnvLoader())).isEqualTo(NEW);
  }

  @Test
  void aDotEnvFileRewrittenAtTheSameSizeWithANewTimeIsReadAgain() throws IOException {
    Path env = dir.resolve(".env");
    write(env, "DB_PASSWORD=" + OLD + "\n", LAST_YEAR);
    EnvLoader loader = dotEnvLoader();
    assertThat(password(loader)).isEqualTo(OLD);

    write(env, "DB_PASSWORD=" + NEW + "\n", LATER);

    assertThat(password(loader)).isEqualTo(NEW);
  }

  @Test
  void aDotEnvFileOfANewSizeIsReadAgain() throws IOException {
    Path env = dir.resolve(".env");
    write(env, "DB_PASSWORD=" + OLD + "\n", LAST_YEAR);
    EnvLoader loader = dotEnvLoader();
    assertThat(password(loader)).isEqualTo(OLD);

    write(env, "DB_PASSWORD=" + LONGER + "\n", LAST_YEAR);

    assertThat(password(loader)).isEqualTo(LONGER);
  }

  @Test
  void anUnchangedVarFileIsNotReadAgainAndAnEditedOneIs() throws IOException {
    Path secret = dir.resolve("db-password");
    write(secret, OLD + "\n", LAST_YEAR);
    EnvLoader loader = varFileLoader(secret);
    assertThat(password(loader)).isEqualTo(OLD);

    write(secret, NEW + "\n", LAST_YEAR);
    assertThat(password(loader)).isEqualTo(OLD);
    assertThat(oneOffPassword(loader)).isEqualTo(NEW);

    write(secret, NEW + "\n", LATER);
    assertThat(password(loader)).isEqualTo(NEW);

    write(secret, LONGER + "\n", LATER);
    assertThat(password(loader)).isEqualTo(LONGER);
  }

  @Test
  void aVarFileNamedInDotEnvIsReadAgainWhenItChanges() throws IOException {
    Path secret = dir.resolve("db-password.txt");
    write(secret, OLD, LAST_YEAR);
    write(dir.resolve(".env"), "DB_PASSWORD_FILE=db-password.txt\n", LAST_YEAR);
    EnvLoader loader = dotEnvLoader();
    assertThat(password(loader)).isEqualTo(OLD);

    write(secret, NEW, LAST_YEAR);
    assertThat(password(loader)).isEqualTo(OLD);

    write(secret, NEW, LATER);
    assertThat(password(loader)).isEqualTo(NEW);
  }

  @Test
  void aLiveEnvRefreshSeesAnEditedDotEnvFile() throws IOException {
    Path env = dir.resolve(".env");
    write(env, "DB_PASSWORD=" + OLD + "\n", LAST_YEAR);
    try (LiveEnv<Config> live = dotEnvLoader().watch(Config.class)) {
      write(env, "DB_PASSWORD=" + NEW + "\n", LATER);

      assertThat(live.refresh()).isTrue();

      assertThat(live.get().dbPassword().reveal()).isEqualTo(NEW);
      assertThat(live.toString()).doesNotContain(OLD, NEW);
    }
  }
}
