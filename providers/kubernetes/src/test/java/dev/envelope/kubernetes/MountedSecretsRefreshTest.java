package dev.envelope.kubernetes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.envelope.Profile;
import dev.envelope.spi.ProviderRequest;
import dev.envelope.spi.ProviderSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A live configuration's refresh of a Kubernetes volume whose {@code ..data} link has not moved reads no file. */
class MountedSecretsRefreshTest {
  static final String OLD = "canary-old-2d8e-mounted";
  static final String NEW = "canary-new-6f31-mounted";

  @TempDir Path root;

  private static final ProviderRequest FIRST = ProviderRequest.of(Profile.PRODUCTION, Set.of(), Map.of());

  private static String password(ProviderSnapshot snapshot) {
    assertThat(snapshot.toString() + snapshot.entries() + snapshot.version()).doesNotContain(OLD, NEW);
    return snapshot.entries().stream().filter(entry -> entry.name().equals("DB_PASSWORD")).findFirst()
        .orElseThrow().value();
  }

  @Test
  void anUnmovedDataLinkReturnsThePreviousSnapshotWithoutReadingTheKeys() throws Exception {
    Path mount = root.resolve("app");
    KubeletVolume volume = KubeletVolume.create(mount, Map.of("db-password", OLD.getBytes(UTF_8)));
    MountedSecretsProvider provider = MountedSecretsProvider.of(mount);
    ProviderSnapshot first = provider.fetch(FIRST);
    assertThat(first.version()).isEqualTo(volume.currentVersion().getFileName().toString());

    // The kubelet never writes into a published version; doing it shows that nothing was read.
    Files.writeString(volume.currentVersion().resolve("db-password"), NEW);
    ProviderSnapshot refreshed = provider.fetch(FIRST.withPrevious(first));

    assertThat(refreshed).isSameAs(first);
    assertThat(password(refreshed)).isEqualTo(OLD);
    assertThat(password(provider.fetch(FIRST))).isEqualTo(NEW);
  }

  @Test
  void aSwappedDataLinkIsReadInFull() throws Exception {
    Path mount = root.resolve("app");
    KubeletVolume volume = KubeletVolume.create(mount, Map.of("db-password", OLD.getBytes(UTF_8)));
    MountedSecretsProvider provider = MountedSecretsProvider.of(mount);
    ProviderSnapshot first = provider.fetch(FIRST);

    volume.update(Map.of("db-password", NEW.getBytes(UTF_8)));
    ProviderSnapshot refreshed = provider.fetch(FIRST.withPrevious(first));

    assertThat(password(refreshed)).isEqualTo(NEW);
    assertThat(refreshed.version()).isNotEqualTo(first.version())
        .isEqualTo(volume.currentVersion().getFileName().toString());
  }

  @Test
  void aPlainDirectoryIsReadAtEveryRefresh() throws Exception {
    Path secrets = Files.createDirectories(root.resolve("run/secrets"));
    Files.writeString(secrets.resolve("db_password"), OLD);
    MountedSecretsProvider provider = MountedSecretsProvider.of(secrets);
    ProviderSnapshot first = provider.fetch(FIRST);

    Files.writeString(secrets.resolve("db_password"), NEW);

    assertThat(first.version()).isEmpty();
    assertThat(password(provider.fetch(FIRST.withPrevious(first)))).isEqualTo(NEW);
  }

  @Test
  void oneVolumeAndOnePlainDirectoryAreReadAtEveryRefresh() throws Exception {
    Path mount = root.resolve("app");
    KubeletVolume.create(mount, Map.of("pool-size", "4".getBytes(UTF_8)));
    Path secrets = Files.createDirectories(root.resolve("run/secrets"));
    Files.writeString(secrets.resolve("db_password"), OLD);
    MountedSecretsProvider provider = MountedSecretsProvider.builder().directory(mount).directory(secrets).build();
    ProviderSnapshot first = provider.fetch(FIRST);

    Files.writeString(secrets.resolve("db_password"), NEW);

    assertThat(password(provider.fetch(FIRST.withPrevious(first)))).isEqualTo(NEW);
  }

  @Test
  void anOptionalDirectoryStillAbsentAnswersUnchangedAndOneMountedSinceIsRead() throws Exception {
    Path mount = root.resolve("app");
    MountedSecretsProvider provider = MountedSecretsProvider.builder().directory(mount).optional().build();
    ProviderSnapshot first = provider.fetch(FIRST);
    assertThat(provider.fetch(FIRST.withPrevious(first))).isSameAs(first);

    KubeletVolume.create(mount, Map.of("db-password", NEW.getBytes(UTF_8)));

    assertThat(password(provider.fetch(FIRST.withPrevious(first)))).isEqualTo(NEW);
  }
}
