package dev.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envelope.spi.EnvProvider;
import dev.envelope.spi.ProviderRequest;
import dev.envelope.spi.ProviderSnapshot;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LiveEnvTest {
  static final String OLD = "canary-old-3a9c-password";
  static final String NEW = "canary-new-77d1-password";

  record Db(Secret<String> dbPassword, @Min(1) int poolSize) {}

  /** A store whose entries the test changes, counting fetches and what it was offered as previous. */
  static final class Store implements EnvProvider {
    final Map<String, String> entries = new ConcurrentHashMap<>();
    final AtomicInteger fetches = new AtomicInteger();
    final List<String> previousVersions = new CopyOnWriteArrayList<>();
    final AtomicReference<Runnable> watcher = new AtomicReference<>();
    volatile CountDownLatch gate;
    final AtomicInteger version = new AtomicInteger(1);

    Store(String password, String poolSize) {
      entries.put("DB_PASSWORD", password);
      entries.put("POOL_SIZE", poolSize);
    }

    @Override
    public String name() {
      return "store";
    }

    @Override
    public ProviderSnapshot fetch(ProviderRequest request) throws Exception {
      fetches.incrementAndGet();
      request.previous().ifPresent(previous -> previousVersions.add(previous.version()));
      CountDownLatch wait = gate;
      if (wait != null) {
        wait.await(10, TimeUnit.SECONDS);
      }
      ProviderSnapshot.Builder snapshot = ProviderSnapshot.builder().version("v" + version.get());
      entries.forEach((key, value) -> snapshot.put(key, value, "store #" + key));
      return snapshot.build();
    }

    @Override
    public AutoCloseable watch(ProviderRequest request, Runnable changed) {
      watcher.set(changed);
      return () -> watcher.set(null);
    }
  }

  private final List<LiveEnv<?>> opened = new ArrayList<>();

  @AfterEach
  void close() {
    opened.forEach(LiveEnv::close);
  }

  private LiveEnv<Db> watch(Store store) {
    return watch(Env.builder().hermetic().provider(store));
  }

  private LiveEnv<Db> watch(Env.Builder builder) {
    LiveEnv<Db> env = builder.build().watch(Db.class);
    opened.add(env);
    return env;
  }

  private static void afterTheMinimumGap() throws InterruptedException {
    // refresh() reuses results younger than the minimum gap; wait it out on a latch that never opens.
    new CountDownLatch(1).await(LiveEnv.MIN_GAP_MILLIS + 50, TimeUnit.MILLISECONDS);
  }

  @Test
  void anUnchangedStoreChangesNothingAndCallsNoListener() throws Exception {
    Store store = new Store(OLD, "5");
    LiveEnv<Db> env = watch(store);
    List<EnvChange<Db>> changes = new CopyOnWriteArrayList<>();
    env.onChange(changes::add);
    Db first = env.get();

    afterTheMinimumGap();
    assertThat(env.refresh()).isFalse();

    assertThat(env.get()).isSameAs(first);
    assertThat(changes).isEmpty();
    assertThat(store.previousVersions).containsExactly("v1");
  }

  @Test
  void aRotatedSecretIsSwappedInAndAnnouncedByNameOnly() throws Exception {
    Store store = new Store(OLD, "5");
    LiveEnv<Db> env = watch(store);
    List<EnvChange<Db>> changes = new CopyOnWriteArrayList<>();
    env.onChange(changes::add);

    store.entries.put("DB_PASSWORD", NEW);
    store.version.set(2);
    afterTheMinimumGap();

    assertThat(env.refresh()).isTrue();
    assertThat(env.get().dbPassword().reveal()).isEqualTo(NEW);
    assertThat(changes).hasSize(1);
    EnvChange<Db> change = changes.get(0);
    assertThat(change.variables()).containsExactly("DB_PASSWORD");
    assertThat(change.previous().dbPassword().reveal()).isEqualTo(OLD);
    assertThat(change.toString()).isEqualTo("EnvChange[Db: DB_PASSWORD]").doesNotContain(NEW);
    assertThat(env.toString() + env.resolution()).doesNotContain(NEW).doesNotContain(OLD);
  }

  @Test
  void anInvalidCandidateKeepsTheLastValidRecordAndMarksItStale() throws Exception {
    Store store = new Store(OLD, "5");
    LiveEnv<Db> env = watch(store);
    List<EnvException> failures = new CopyOnWriteArrayList<>();
    env.onFailure(failures::add);

    store.entries.put("DB_PASSWORD", NEW);
    store.entries.put("POOL_SIZE", "0");
    afterTheMinimumGap();

    assertThat(env.refresh()).isFalse();
    assertThat(env.get().dbPassword().reveal()).isEqualTo(OLD);
    assertThat(failures).hasSize(1);
    assertThat(failures.get(0).problems()).extracting(Problem::variable).containsExactly("POOL_SIZE");
    assertThat(failures.get(0).getMessage()).doesNotContain(NEW);
    assertThat(env.staleSince()).isPresent();
    assertThat(env.resolution().report().notes()).last().asString()
        .startsWith("stale since ").endsWith("the last refresh failed with 1 problem; these are the last valid values");

    store.entries.put("POOL_SIZE", "6");
    afterTheMinimumGap();
    assertThat(env.refresh()).isTrue();
    assertThat(env.get()).isEqualTo(new Db(Secret.of(NEW), 6));
    assertThat(env.staleSince()).isEmpty();
  }

  @Test
  void overlappingRefreshesShareOneFetch() throws Exception {
    Store store = new Store(OLD, "5");
    LiveEnv<Db> env = watch(store);
    afterTheMinimumGap();
    int before = store.fetches.get();
    store.gate = new CountDownLatch(1);
    store.entries.put("DB_PASSWORD", NEW);

    List<Thread> callers = new ArrayList<>();
    List<Boolean> results = new CopyOnWriteArrayList<>();
    CountDownLatch started = new CountDownLatch(8);
    for (int i = 0; i < 8; i++) {
      Thread caller = new Thread(() -> {
        started.countDown();
        results.add(env.refresh());
      });
      caller.start();
      callers.add(caller);
    }
    started.await(10, TimeUnit.SECONDS);
    // Let the fetch finish only once it is under way, so that every caller had it to join.
    while (store.fetches.get() == before) {
      Thread.onSpinWait();
    }
    store.gate.countDown();
    for (Thread caller : callers) {
      caller.join(10_000);
    }

    assertThat(store.fetches.get() - before).isEqualTo(1);
    assertThat(results).hasSize(8).containsOnly(true);
    assertThat(env.refresh()).isTrue();
    assertThat(store.fetches.get() - before).isEqualTo(1);
  }

  @Test
  void aFailingListenerDoesNotStopTheOthersWhichRunInOrder() throws Exception {
    Store store = new Store(OLD, "5");
    LiveEnv<Db> env = watch(store);
    List<String> calls = new CopyOnWriteArrayList<>();
    env.onChange(change -> calls.add("first"));
    env.onChange(change -> {
      throw new IllegalStateException("listener bug " + change.current().dbPassword().reveal());
    });
    env.onChange(change -> calls.add("third"));

    store.entries.put("DB_PASSWORD", NEW);
    afterTheMinimumGap();
    env.refresh();

    assertThat(calls).containsExactly("first", "third");
  }

  @Test
  void aProviderSignalRefreshesWithoutWaitingForTheInterval() throws Exception {
    Store store = new Store(OLD, "5");
    LiveEnv<Db> env = watch(store);
    CountDownLatch changed = new CountDownLatch(1);
    env.onChange(change -> changed.countDown());

    store.entries.put("DB_PASSWORD", NEW);
    store.watcher.get().run();

    assertThat(changed.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(env.get().dbPassword().reveal()).isEqualTo(NEW);
  }

  @Test
  void theIntervalPollsTheStore() throws Exception {
    Store store = new Store(OLD, "5");
    LiveEnv<Db> env = watch(Env.builder().hermetic().provider(store).refreshInterval(Duration.ofSeconds(1)));
    CountDownLatch changed = new CountDownLatch(1);
    env.onChange(change -> changed.countDown());

    store.entries.put("POOL_SIZE", "9");

    assertThat(changed.await(20, TimeUnit.SECONDS)).isTrue();
    assertThat(env.get().poolSize()).isEqualTo(9);
  }

  @Test
  void closeLeavesNoThreadAndStopsTheWatch() throws Exception {
    Store store = new Store(OLD, "5");
    LiveEnv<Db> env = watch(store);
    afterTheMinimumGap();
    env.refresh();

    env.close();

    assertThat(store.watcher.get()).isNull();
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.isAlive() && t.getName().equals("envelope-live-Db"));
    assertThatThrownBy(env::refresh).isInstanceOf(IllegalStateException.class).hasMessage("this LiveEnv of Db is closed");
  }

  @Test
  void theFirstLoadFailsLikeLoadAndLeavesNoThread() {
    Store store = new Store(OLD, "0");

    assertThatThrownBy(() -> watch(store)).isInstanceOf(EnvException.class);
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.isAlive() && t.getName().equals("envelope-live-Db"));
  }

  @Test
  void aRefreshIntervalUnderASecondIsRejected() {
    assertThatThrownBy(() -> Env.builder().refreshInterval(Duration.ofMillis(500)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("refreshInterval must be at least 1 s: PT0.5S");
  }
}
