package dev.envelope.doppler;

import static dev.envelope.doppler.DopplerFixture.SECRET;
import static dev.envelope.doppler.DopplerFixture.TOKEN;
import static dev.envelope.doppler.DopplerFixture.assertNoLeak;
import static dev.envelope.doppler.DopplerFixture.config;
import static dev.envelope.doppler.DopplerFixture.error;
import static dev.envelope.doppler.DopplerFixture.everything;
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
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FallbackTest {
  private final DopplerFixture doppler = new DopplerFixture();

  @TempDir Path directory;

  FallbackTest() throws Exception {}

  @AfterEach
  void stopServer() {
    doppler.close();
  }

  private Path fallback() {
    return directory.resolve("cache").resolve("doppler-api-prd.json");
  }

  private DopplerProvider downloadOnce() throws Exception {
    doppler.server.enqueue(config());
    DopplerProvider provider = doppler.provider().project("api").config("prd").fallbackFile(fallback()).build();
    provider.fetch(request());
    FallbackWrites.awaitNewContents(fallback(), null);
    return provider;
  }

  private static Map<String, String> values(ProviderSnapshot snapshot) {
    Map<String, String> values = new LinkedHashMap<>();
    snapshot.entries().forEach(entry -> values.put(entry.name(), entry.value()));
    return values;
  }

  @Test
  void successfulDownloadIsWrittenEncryptedForTheOwnerOnly() throws Exception {
    downloadOnce();

    String contents = Files.readString(fallback(), StandardCharsets.UTF_8);
    assertThat(contents).startsWith("4:base64:500000:");
    assertThat(contents).doesNotContain(SECRET).doesNotContain("postgres").doesNotContain(TOKEN);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fallback()))).isEqualTo("r--------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fallback().getParent()))).isEqualTo("rwx------");
    try (var files = Files.list(fallback().getParent())) {
      assertThat(files).containsExactly(fallback());
    }
  }

  @Test
  void fileDecryptsWithTheCliPassphraseToTheDownloadedJson() throws Exception {
    downloadOnce();

    byte[] plaintext = FallbackFile.decrypt(TOKEN + ":api:prd", Files.readString(fallback()));

    assertThat(SecretsJson.parseSecrets(plaintext)).containsEntry("JWT_SECRET", SECRET).containsEntry("DOPPLER_CONFIG", "prd");
  }

  @Test
  void fallbackIsUsedWhenDopplerIsDownAndSaysSoWithItsAge() throws Exception {
    DopplerProvider provider = downloadOnce();
    Files.setLastModifiedTime(fallback(), FileTime.from(Instant.now().minus(Duration.ofHours(3))));
    doppler.close();

    ProviderSnapshot snapshot = provider.fetch(request());

    assertThat(values(snapshot)).containsEntry("JWT_SECRET", SECRET).containsEntry("DATABASE_URL", "postgres://db:5432/app");
    assertThat(snapshot.entries())
        .allSatisfy(entry -> assertThat(entry.origin()).isEqualTo("doppler api/prd (fallback file, 3 h old)"));
    assertThat(snapshot.note())
        .startsWith("Doppler was unavailable: Could not connect to Doppler at ")
        .contains("(3 attempts)")
        .endsWith("Loaded api/prd from the fallback file " + fallback() + ", written 3 h ago.");
    assertNoLeak(snapshot.note(), snapshot.entries(), snapshot, provider);
  }

  @Test
  void fallbackIsUsedAfterServerErrorsOutlastTheRetries() throws Exception {
    DopplerProvider provider = downloadOnce();
    for (int i = 0; i < 3; i++) {
      doppler.server.enqueue(error(502, "Bad gateway"));
    }

    ProviderSnapshot snapshot = provider.fetch(request());

    assertThat(values(snapshot)).containsEntry("JWT_SECRET", SECRET);
    assertThat(snapshot.note()).startsWith("Doppler was unavailable: Doppler answered 502: Bad gateway (3 attempts).");
    assertThat(doppler.server.getRequestCount()).isEqualTo(4);
  }

  @Test
  void fallbackIsNotUsedWhenTheTokenIsRejected() throws Exception {
    DopplerProvider provider = downloadOnce();
    doppler.server.enqueue(error(401, "Invalid Auth token"));

    ProviderException thrown = catchThrowableOfType(ProviderException.class, () -> provider.fetch(request()));

    assertThat(thrown).hasMessageStartingWith("Doppler rejected the token dp.st.… (401): Invalid Auth token");
    assertThat(doppler.server.getRequestCount()).isEqualTo(2);
    assertNoLeak(everything(thrown));
  }

  @Test
  void fallbackIsNotUsedWhenTheConfigIsMissing() throws Exception {
    DopplerProvider provider = downloadOnce();
    doppler.server.enqueue(error(404, "Could not find requested config 'prd'"));

    ProviderException thrown = catchThrowableOfType(ProviderException.class, () -> provider.fetch(request()));

    assertThat(thrown).hasMessageContaining("(404)");
    assertNoLeak(everything(thrown));
  }

  @Test
  void missingFallbackFileIsExplained() throws Exception {
    String closed = doppler.server.url("/").toString();
    doppler.close();
    DopplerProvider provider =
        DopplerProvider.builder().apiHost(closed).token(TOKEN).maxAttempts(1).fallbackFile(fallback()).build();

    ProviderException thrown = catchThrowableOfType(ProviderException.class, () -> provider.fetch(request()));

    assertThat(thrown.getMessage())
        .startsWith("Could not connect to Doppler at ")
        .endsWith("(1 attempt); no fallback file at " + fallback() + " yet (it is written after a successful download)");
    assertNoLeak(everything(thrown));
  }

  @Test
  void fallbackWrittenWithAnotherTokenIsRefused() throws Exception {
    downloadOnce();
    String closed = doppler.server.url("/").toString();
    doppler.close();
    DopplerProvider other =
        DopplerProvider.builder().apiHost(closed).token("dp.st.prd.another").project("api").config("prd")
            .maxAttempts(1).fallbackFile(fallback()).build();

    ProviderException thrown = catchThrowableOfType(ProviderException.class, () -> other.fetch(request()));

    assertThat(thrown.getMessage()).endsWith("; the fallback file " + fallback() + " could not be decrypted with"
        + " this token, project and config (another token wrote it, or it was altered)");
    assertNoLeak(everything(thrown));
  }

  @Test
  void alteredFallbackFileIsRefused() throws Exception {
    downloadOnce();
    Files.writeString(fallback(), "4:base64:500000:not-a-fallback");
    String closed = doppler.server.url("/").toString();
    doppler.close();
    DopplerProvider provider =
        DopplerProvider.builder().apiHost(closed).token(TOKEN).maxAttempts(1).fallbackFile(fallback()).build();

    ProviderException thrown = catchThrowableOfType(ProviderException.class, () -> provider.fetch(request()));

    assertThat(thrown.getMessage()).contains("; " + fallback() + " is not a Doppler fallback file (");
    assertNoLeak(everything(thrown));
  }

  @Test
  void failedFallbackWriteIsLoggedWithoutTokenOrSecrets() throws Exception {
    Path notADirectory = Files.writeString(directory.resolve("plain-file"), "x");
    List<String> logged = new CopyOnWriteArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            logged.add(record.getLevel() + " " + record.getMessage());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger logger = Logger.getLogger(FallbackStore.class.getName());
    logger.addHandler(capture);
    try {
      doppler.server.enqueue(config());
      DopplerProvider provider =
          doppler.provider().fallbackFile(notADirectory.resolve("fallback.json")).build();

      ProviderSnapshot snapshot = provider.fetch(request());
      FallbackWrites.awaitAny(logged);

      assertThat(snapshot.entries()).isNotEmpty();
      assertThat(logged).singleElement().asString()
          .startsWith("WARNING Could not write the Doppler fallback file " + notADirectory.resolve("fallback.json"));
      assertNoLeak(logged);
    } finally {
      logger.removeHandler(capture);
    }
  }
}
