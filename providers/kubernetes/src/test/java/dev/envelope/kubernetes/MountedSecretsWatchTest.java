package dev.envelope.kubernetes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.envelope.Default;
import dev.envelope.Env;
import dev.envelope.EnvException;
import dev.envelope.LiveEnv;
import dev.envelope.Profile;
import dev.envelope.Secret;
import dev.envelope.spi.ProviderRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live configuration follows a watched volume: the kubelet's swap of a Secret volume and a Docker
 * secrets directory's replaced files, written by a background writer while a {@link LiveEnv} watches.
 * The refresh interval is an hour, so only the watch can explain a change; waits are bounded, generous
 * and never sleeps.
 */
class MountedSecretsWatchTest {
  static final String V1 = "canary-v1-8e1f-db-password";
  static final String V2 = "canary-v2-4c0a-db-password";
  static final String V3 = "canary-v3-b7d2-db-password";
  static final long WAIT_SECONDS = 30;

  record App(Secret<String> dbPassword, @Default("1") int poolSize) {}

  record Feature(@Default("off") String featureMode) {}

  @TempDir Path root;

  private final List<AutoCloseable> opened = new ArrayList<>();
  private final ExecutorService writer = Executors.newSingleThreadExecutor();
  private final BlockingQueue<String> changes = new LinkedBlockingQueue<>();
  private final BlockingQueue<EnvException> failures = new LinkedBlockingQueue<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable closeable : opened) {
      closeable.close();
    }
    writer.shutdownNow();
  }

  private LiveEnv<App> watch(MountedSecretsProvider provider) {
    LiveEnv<App> env = Env.builder().hermetic().provider(provider).refreshInterval(Duration.ofHours(1)).build()
        .watch(App.class);
    opened.add(env);
    env.onChange(change -> {
      assertSecretsHidden(change.toString());
      changes.add(change.variables() + " " + change.current().dbPassword().reveal());
    });
    env.onFailure(failures::add);
    return env;
  }

  private static void assertSecretsHidden(String text) {
    assertThat(text).doesNotContain(V1, V2, V3);
  }

  private String nextChange() throws InterruptedException {
    String change = changes.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(change).as("a change within " + WAIT_SECONDS + " s").isNotNull();
    return change;
  }

  private static Map<String, byte[]> volume(String password) {
    return Map.of("db-password", (password + "\n").getBytes(UTF_8), "pool-size", "4\n".getBytes(UTF_8));
  }

  private static List<Thread> threadsWatching(Path directory) {
    List<Thread> found = new ArrayList<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().startsWith("envelope-watch") && thread.getName().contains(directory.toString())) {
        found.add(thread);
      }
    }
    return found;
  }

  @Test
  void eachKubeletSwapOfTheDataLinkIsPickedUpWithoutWaitingForTheInterval() throws Exception {
    Path mount = root.resolve("app");
    KubeletVolume volume = KubeletVolume.create(mount, volume(V1));
    LiveEnv<App> env = watch(MountedSecretsProvider.of(mount));
    assertThat(env.get().dbPassword().reveal()).isEqualTo(V1);
    Path first = volume.currentVersion();

    // Two swaps in a row: the watch is on the mount, so it survives the first.
    Future<?> update = writer.submit(() -> volume.update(volume(V2)));
    assertThat(nextChange()).isEqualTo("[DB_PASSWORD] " + V2);
    update.get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(first).doesNotExist();
    assertThat(first.getFileName().toString()).startsWith("..2026_");
    writer.submit(() -> volume.update(volume(V3)));
    assertThat(nextChange()).isEqualTo("[DB_PASSWORD] " + V3);

    assertThat(env.get().dbPassword().reveal()).isEqualTo(V3);
    assertThat(failures).isEmpty();
    assertSecretsHidden(env.toString() + env.resolution().report());
  }

  @Test
  void everyRecordAnnouncedDuringABurstOfSwapsIsOneWholeVersion() throws Exception {
    Path mount = root.resolve("app");
    KubeletVolume volume = KubeletVolume.create(mount, version(1));
    LiveEnv<App> env = watch(MountedSecretsProvider.of(mount));
    BlockingQueue<Integer> seen = new LinkedBlockingQueue<>();
    List<String> mixed = new java.util.concurrent.CopyOnWriteArrayList<>();
    env.onChange(change -> {
      App app = change.current();
      if (!app.dbPassword().reveal().equals("canary-burst-" + app.poolSize())) {
        mixed.add("pool size " + app.poolSize() + " with another version's password");
      }
      seen.add(app.poolSize());
    });
    int last = 40;

    writer.submit(() -> {
      for (int number = 2; number <= last; number++) {
        volume.update(version(number));
      }
    });

    Integer size;
    do {
      size = seen.poll(WAIT_SECONDS, TimeUnit.SECONDS);
      assertThat(size).as("a change within " + WAIT_SECONDS + " s").isNotNull();
    } while (size != last);
    assertThat(mixed).isEmpty();
    assertThat(failures).isEmpty();
  }

  private static Map<String, byte[]> version(int number) {
    return Map.of("db-password", ("canary-burst-" + number).getBytes(UTF_8), "pool-size", ("" + number).getBytes(UTF_8));
  }

  @Test
  void aReplacedFileInADockerSecretsDirectoryIsPickedUp() throws Exception {
    Path secrets = Files.createDirectories(root.resolve("run/secrets"));
    Path staging = Files.createDirectories(root.resolve("staging"));
    Files.writeString(secrets.resolve("db_password"), V1);
    LiveEnv<App> env = watch(MountedSecretsProvider.of(secrets));

    writer.submit(() -> {
      Path next = Files.writeString(staging.resolve("db_password"), V2);
      return Files.move(next, secrets.resolve("db_password"), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    });

    assertThat(nextChange()).isEqualTo("[DB_PASSWORD] " + V2);
    assertThat(env.get().dbPassword().reveal()).isEqualTo(V2);
  }

  @Test
  void aFileRewrittenInPlaceIsPickedUpOnceWritten() throws Exception {
    Path secrets = Files.createDirectories(root.resolve("run/secrets"));
    Files.writeString(secrets.resolve("db_password"), V1);
    LiveEnv<App> env = watch(MountedSecretsProvider.of(secrets));

    writer.submit(() -> Files.writeString(secrets.resolve("db_password"), V2));

    // An in-place write is not atomic: whatever a refresh saw on the way, the last change is the write.
    String change;
    do {
      change = nextChange();
    } while (!change.endsWith(V2));
    assertThat(env.get().dbPassword().reveal()).isEqualTo(V2);
  }

  @Test
  void aRemovedSecretFailsTheRefreshAndKeepsTheLastValidRecord() throws Exception {
    Path secrets = Files.createDirectories(root.resolve("run/secrets"));
    Files.writeString(secrets.resolve("db_password"), V1);
    LiveEnv<App> env = watch(MountedSecretsProvider.of(secrets));

    writer.submit(() -> {
      Files.delete(secrets.resolve("db_password"));
      return null;
    });

    EnvException failure = failures.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(failure).as("a failed refresh within " + WAIT_SECONDS + " s").isNotNull();
    assertThat(failure.problems()).anyMatch(problem -> problem.variable().equals("DB_PASSWORD"));
    assertThat(env.get().dbPassword().reveal()).isEqualTo(V1);
    assertThat(env.staleSince()).isPresent();
    assertSecretsHidden(failure.getMessage() + env.resolution().report());
  }

  @Test
  void aDirectoryRemovedAndCreatedAgainIsWatchedAgain() throws Exception {
    Path secrets = Files.createDirectories(root.resolve("run/secrets"));
    Files.writeString(secrets.resolve("db_password"), V1);
    LiveEnv<App> env = watch(MountedSecretsProvider.of(secrets));

    writer.submit(() -> {
      Files.delete(secrets.resolve("db_password"));
      Files.delete(secrets);
      Files.createDirectory(secrets);
      return Files.writeString(secrets.resolve("db_password"), V2);
    });
    String change;
    do {
      change = nextChange();
    } while (!change.endsWith(V2));

    // Watched again: the next replacement is seen too.
    writer.submit(() -> Files.writeString(secrets.resolve("db_password"), V3));
    do {
      change = nextChange();
    } while (!change.endsWith(V3));
    assertThat(env.get().dbPassword().reveal()).isEqualTo(V3);
  }

  @Test
  void anOptionalDirectoryMountedLaterIsPickedUp() throws Exception {
    Path mount = root.resolve("feature");
    LiveEnv<Feature> env = Env.builder().hermetic()
        .provider(MountedSecretsProvider.builder().directory(mount).optional().build())
        .refreshInterval(Duration.ofHours(1)).build().watch(Feature.class);
    opened.add(env);
    BlockingQueue<String> modes = new LinkedBlockingQueue<>();
    env.onChange(change -> modes.add(change.current().featureMode()));
    assertThat(env.get().featureMode()).isEqualTo("off");

    writer.submit(() -> KubeletVolume.create(mount, Map.of("feature-mode", "on\n".getBytes(UTF_8))));

    assertThat(modes.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("on");
  }

  @Test
  void closingTheLiveEnvEndsTheWatchThread() throws Exception {
    Path mount = root.resolve("app");
    KubeletVolume.create(mount, volume(V1));
    LiveEnv<App> env = watch(MountedSecretsProvider.of(mount));
    List<Thread> watching = threadsWatching(mount);
    assertThat(watching).hasSize(1).allMatch(Thread::isAlive).allMatch(Thread::isDaemon);

    env.close();

    assertThat(watching).noneMatch(Thread::isAlive);
    assertThat(threadsWatching(mount)).isEmpty();
  }

  @Test
  void closingAWatchEndsItsThreadAndItsSignals() throws Exception {
    Path mount = root.resolve("app");
    KubeletVolume volume = KubeletVolume.create(mount, volume(V1));
    MountedSecretsProvider provider = MountedSecretsProvider.of(mount);
    CountDownLatch signalled = new CountDownLatch(1);
    AutoCloseable watch = provider.watch(ProviderRequest.of(Profile.PRODUCTION, Set.of(), Map.of()),
        signalled::countDown);
    List<Thread> watching = threadsWatching(mount);
    writer.submit(() -> volume.update(volume(V2)));
    assertThat(signalled.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

    watch.close();

    assertThat(watching).hasSize(1).noneMatch(Thread::isAlive);
  }

  @Test
  void theKubeletsBookkeepingAloneAnnouncesNoChangeButTheSwapDoes() {
    assertThat(DirectoryWatch.announcesChange("..2026_12_01_10_15_30.1234567890")).isFalse();
    assertThat(DirectoryWatch.announcesChange("..data_tmp")).isFalse();
    assertThat(DirectoryWatch.announcesChange("..data")).isTrue();
    assertThat(DirectoryWatch.announcesChange("db-password")).isTrue();
    assertThat(DirectoryWatch.announcesChange(".hidden-key")).isTrue();
  }
}
