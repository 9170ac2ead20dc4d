package dev.envelope.doppler;

import static dev.envelope.doppler.DopplerFixture.SECRET;
import static dev.envelope.doppler.DopplerFixture.TOKEN;
import static dev.envelope.doppler.DopplerFixture.assertNoLeak;
import static dev.envelope.doppler.DopplerFixture.config;
import static dev.envelope.doppler.DopplerFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.envelope.spi.ProviderException;
import dev.envelope.spi.ProviderSnapshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fallback file's life: who writes it when, where the CLI keeps it, and how old it may be. */
class FallbackLifecycleTest {
  private final DopplerFixture doppler = new DopplerFixture();

  @TempDir Path directory;

  FallbackLifecycleTest() throws Exception {}

  @AfterEach
  void stopServer() {
    doppler.close();
  }

  private static String cliFileName(String name) throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
    return ".secrets-" + HexFormat.of().formatHex(digest) + ".json";
  }

  @Test
  void processThatExitsRightAfterLoadingStillWritesTheFile() throws Exception {
    doppler.server.enqueue(config());
    Path file = directory.resolve("fallback.json");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        FallbackWriterMain.class.getName(), doppler.server.url("/").toString(), TOKEN, file.toString())
        .redirectErrorStream(true).start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    // Generous, yet below the 60 s that OkHttp's default non-daemon threads would keep the JVM alive.
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).as(output).isZero();
    assertThat(SecretsJson.parseSecrets(FallbackFile.decrypt(TOKEN + ":api:prd", Files.readString(file))))
        .containsEntry("JWT_SECRET", SECRET);
    assertNoLeak(output);
  }

  @Test
  void cliDefaultFileLivesUnderTheHomeDirectoryNamedLikeTheClisOwn() throws Exception {
    doppler.server.enqueue(config());
    DopplerProvider provider =
        doppler.provider().project("api").config("prd").cliFallbackFile().homeDirectory(directory).build();

    provider.fetch(request());

    Path file = directory.resolve(".doppler/fallback").resolve(cliFileName(TOKEN + ":api:prd"));
    FallbackWrites.awaitNewContents(file, null);
    assertThat(SecretsJson.parseSecrets(FallbackFile.decrypt(TOKEN + ":api:prd", Files.readString(file))))
        .containsEntry("JWT_SECRET", SECRET);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
    assertNoLeak(provider, file);
  }

  @Test
  void cliDefaultFileTakesTheHomeDirectoryFromTheHomeSetting() throws Exception {
    doppler.server.enqueue(config());
    DopplerProvider provider = doppler.provider().cliFallbackFile().build();

    provider.fetch(request(Map.of("HOME", directory.toString())));

    // A service token names no project or config: the CLI hashes the token alone.
    Path file = directory.resolve(".doppler/fallback").resolve(cliFileName(TOKEN));
    assertThat(SecretsJson.parseSecrets(FallbackFile.decrypt(TOKEN, FallbackWrites.awaitNewContents(file, null))))
        .containsEntry("JWT_SECRET", SECRET);
  }

  @Test
  void dopplerPassphraseSettingEncryptsTheFile() throws Exception {
    doppler.server.enqueue(config());
    Path file = directory.resolve("fallback.json");
    String passphrase = "passphrase-canary-31f7";
    DopplerProvider provider = doppler.provider().fallbackFile(file).build();

    provider.fetch(request(Map.of("DOPPLER_PASSPHRASE", passphrase)));

    assertThat(SecretsJson.parseSecrets(FallbackFile.decrypt(passphrase, FallbackWrites.awaitNewContents(file, null))))
        .containsEntry("JWT_SECRET", SECRET);
    assertThat(provider.toString()).doesNotContain(passphrase);
  }

  @Test
  void rewriteReplacesTheReadOnlyFileReusingTheDerivedKey() throws Exception {
    doppler.server.enqueue(config());
    doppler.server.enqueue(config());
    Path file = directory.resolve("fallback.json");
    DopplerProvider provider = doppler.provider().fallbackFile(file).build();
    provider.fetch(request());
    String first = FallbackWrites.awaitNewContents(file, null);

    provider.fetch(request());

    String second = FallbackWrites.awaitNewContents(file, first);
    // 4:base64:ROUNDS:SALT-IV-CIPHERTEXT: one salt means one derivation, and a fresh IV each write.
    assertThat(second.split("-")[0]).isEqualTo(first.split("-")[0]);
    assertThat(second.split("-")[1]).isNotEqualTo(first.split("-")[1]);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("r--------");
  }

  @Test
  void fallbackOlderThanItsMaximumAgeIsRefused() throws Exception {
    Path file = writtenFallback(Duration.ofDays(3));
    DopplerProvider provider = closedServerProvider(file, Duration.ofDays(1));

    ProviderException thrown = catchThrowableOfType(ProviderException.class, () -> provider.fetch(request()));

    assertThat(thrown.getMessage()).startsWith("Could not connect to Doppler at ")
        .endsWith("; the fallback file " + file + " is 3 d old, older than fallbackMaxAge (24 h), so it was not used");
    assertNoLeak(DopplerFixture.everything(thrown));
  }

  @Test
  void fallbackWithinItsMaximumAgeIsUsedAndTheNoteSaysSo() throws Exception {
    Path file = writtenFallback(Duration.ofHours(3));
    DopplerProvider provider = closedServerProvider(file, Duration.ofDays(1));

    ProviderSnapshot snapshot = provider.fetch(request());

    assertThat(snapshot.entries()).extracting(ProviderSnapshot.Entry::value).contains(SECRET);
    assertThat(snapshot.note()).endsWith("from the fallback file " + file + ", written 3 h ago (fallbackMaxAge 24 h).");
    assertNoLeak(snapshot.note(), snapshot);
  }

  private Path writtenFallback(Duration age) throws Exception {
    Path file = directory.resolve("fallback.json");
    FallbackFile.writeAtomically(file, FallbackFile.encrypt(TOKEN + ":api:prd",
        SecretsJson.write(Map.of("JWT_SECRET", SECRET))));
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
    return file;
  }

  private DopplerProvider closedServerProvider(Path file, Duration maxAge) {
    String closed = doppler.server.url("/").toString();
    doppler.close();
    return DopplerProvider.builder().apiHost(closed).token(TOKEN).project("api").config("prd").maxAttempts(1)
        .fallbackFile(file).fallbackMaxAge(maxAge).build();
  }

  @Test
  void uriOptionsSelectTheCliFileAndItsMaximumAge() {
    List<dev.envelope.spi.EnvProvider> providers = new DopplerProviderFactory().create(
        List.of(java.net.URI.create("doppler:api/prd?fallback&fallbackMaxAge=168h")));

    assertThat(providers.get(0).toString()).contains("fallback ~/.doppler/fallback/ (the Doppler CLI's default)");
  }
}
