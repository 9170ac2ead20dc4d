package dev.envelope.benchmarks.live;

import dev.envelope.Env;
import dev.envelope.EnvLoader;
import dev.envelope.LiveEnv;
import dev.envelope.benchmarks.envelope.AppEnv;
import dev.envelope.kubernetes.MountedSecretsProvider;
import dev.envelope.spi.EnvProvider;
import dev.envelope.spi.ProviderRequest;
import dev.envelope.spi.ProviderSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures what a {@link LiveEnv} costs while nothing changes: the CPU time and allocations of one
 * idle refresh of the quickstart's schema, per local source (the environment alone, {@code .env}
 * files, a kubelet-style mounted volume), and of an idle minute at the default 1-minute interval.
 *
 * <p>{@code refresh()} reuses the last result within a second, so one {@code LiveEnv} refreshes at
 * most once a second; the driver round-robins {@code envs} of them (10 by default) on one loader (so they share its
 * file cache, as a service's do) and reads each one's thread from {@link ThreadMXBean}: CPU time and
 * allocated bytes of the thread that ran the refresh, plus those of the provider's fetch, which runs
 * on a thread of its own (measured inside the fetch by a wrapper). An idle minute
 * is one refresh plus what the volume's watch thread spends in a minute without events, measured
 * over the whole run and scaled.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.envelope.benchmarks.live.IdleRefresh [seconds [envs]]</pre>
 */
public final class IdleRefresh {
  /** How many LiveEnvs refresh in turn; each at most once a second. */
  private static int count = 10; // LiveEnvs refreshed in turn
  private static boolean quiet;
  private static final long GAP_MILLIS = 1100;

  private static final Map<String, String> ENVIRONMENT = Map.of(
      "SMTP_PORT", "2525",
      "LOG_LEVEL", "warn",
      "S3_REGION", "eu-west-1",
      "DATABASE_POOL_MAX", "20",
      "SENTRY_DSN", "https://public@sentry.example.com/1");

  private IdleRefresh() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    count = args.length > 1 ? Integer.parseInt(args[1]) : count;
    Path work = Files.createTempDirectory("envelope-idle-refresh");
    Map<String, String> fixture = fixture();

    Map<String, String> everything = new LinkedHashMap<>(ENVIRONMENT);
    everything.putAll(fixture);
    Path dotEnv = Files.createDirectories(work.resolve("dotenv"));
    try (InputStream in = IdleRefresh.class.getResourceAsStream("/dev/envelope/benchmarks/fixture.env")) {
      Files.write(dotEnv.resolve(".env"), in.readAllBytes());
    }
    Path mount = kubeletVolume(work.resolve("mount"), fixture);

    // Two passes, the first not shown: whichever source came first would otherwise pay for the JIT.
    for (boolean shown : new boolean[] {false, true}) {
      if (shown) {
        System.out.printf(Locale.ROOT, "%-22s %10s %12s %12s %14s%n", "source", "refreshes", "CPU/refresh",
            "alloc/refresh", "idle minute");
      }
      quiet = !shown;
      measure("environment only", Env.builder().environment(everything).noDotEnvFiles(), seconds, null);
      measure(".env files", Env.builder().environment(ENVIRONMENT).directory(dotEnv), seconds, null);
      Measured volume = new Measured(MountedSecretsProvider.of(mount));
      measure("mounted volume", Env.builder().environment(ENVIRONMENT).noDotEnvFiles().provider(volume), seconds,
          mount.toString(), volume);
      oneOff(".env, one-off load()", Env.builder().environment(ENVIRONMENT).directory(dotEnv), seconds);
    }
  }

  private static void measure(String name, Env.Builder builder, int seconds, String watched) throws Exception {
    measure(name, builder, seconds, watched, null);
  }

  /** For comparison: a load() reads and parses every file, as every refresh did before the file cache. */
  private static void oneOff(String name, Env.Builder builder, int seconds) {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    EnvLoader loader = builder.noDiscoveredProviders().build();
    int loads = seconds * count;
    for (int i = 0; i < loads; i++) {
      loader.load(AppEnv.class);
    }
    long id = Thread.currentThread().getId();
    long cpu = threads.getCurrentThreadCpuTime();
    long allocated = threads.getThreadAllocatedBytes(id);
    for (int i = 0; i < loads; i++) {
      loader.load(AppEnv.class);
    }
    if (quiet) {
      return;
    }
    System.out.printf(Locale.ROOT, "%-22s %10d %9.0f us %9.1f KB%n", name, loads,
        (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / loads,
        (threads.getThreadAllocatedBytes(id) - allocated) / 1024.0 / loads);
  }

  private static void measure(String name, Env.Builder builder, int seconds, String watched, Measured provider)
      throws Exception {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    EnvLoader loader = builder.noDiscoveredProviders().refreshInterval(Duration.ofHours(1)).build();
    List<LiveEnv<AppEnv>> envs = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        envs.add(loader.watch(AppEnv.class));
      }
      // Warm-up: as many refreshes as the measurement, so that the JIT has seen the path.
      round(envs, seconds);
      List<Thread> live = threads("envelope-live-");
      List<Thread> watch = watched == null ? List.of() : threads("envelope-watch k8s-mount " + watched);
      long cpu = cpu(threads, live);
      long allocated = allocated(threads, live);
      long watchCpu = cpu(threads, watch);
      long watchAllocated = allocated(threads, watch);
      long fetchCpu = provider == null ? 0 : provider.cpu.get();
      long fetchAllocated = provider == null ? 0 : provider.allocated.get();
      long started = System.nanoTime();
      int refreshes = round(envs, seconds);
      double elapsedMinutes = (System.nanoTime() - started) / 60e9;
      long fetchedCpu = provider == null ? 0 : provider.cpu.get() - fetchCpu;
      long fetchedBytes = provider == null ? 0 : provider.allocated.get() - fetchAllocated;
      double cpuPerRefresh = (cpu(threads, live) - cpu + fetchedCpu) / (double) refreshes;
      double bytesPerRefresh = (allocated(threads, live) - allocated + fetchedBytes) / (double) refreshes;
      double watchCpuPerMinute = (cpu(threads, watch) - watchCpu) / elapsedMinutes;
      double watchBytesPerMinute = (allocated(threads, watch) - watchAllocated) / elapsedMinutes;
      if (quiet) {
        return;
      }
      System.out.printf(Locale.ROOT, "%-22s %10d %9.0f us %9.1f KB %6.0f us %5.1f KB%n", name, refreshes,
          cpuPerRefresh / 1e3, bytesPerRefresh / 1024, (cpuPerRefresh + watchCpuPerMinute) / 1e3,
          (bytesPerRefresh + watchBytesPerMinute) / 1024);
    } finally {
      envs.forEach(LiveEnv::close);
    }
  }

  /** Refreshes every env once per round for {@code seconds}; returns how many refreshes ran. */
  private static int round(List<LiveEnv<AppEnv>> envs, int seconds) throws InterruptedException {
    int refreshes = 0;
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < end) {
      long roundStart = System.nanoTime();
      for (LiveEnv<AppEnv> env : envs) {
        if (env.refresh()) {
          throw new IllegalStateException("an idle refresh changed the record");
        }
        refreshes++;
      }
      long left = GAP_MILLIS - (System.nanoTime() - roundStart) / 1_000_000;
      if (left > 0) {
        Thread.sleep(left);
      }
    }
    return refreshes;
  }

  private static List<Thread> threads(String prefix) {
    List<Thread> found = new ArrayList<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().startsWith(prefix)) {
        found.add(thread);
      }
    }
    return found;
  }

  private static long cpu(com.sun.management.ThreadMXBean threads, List<Thread> of) {
    long sum = 0;
    for (Thread thread : of) {
      sum += threads.getThreadCpuTime(thread.getId());
    }
    return sum;
  }

  private static long allocated(com.sun.management.ThreadMXBean threads, List<Thread> of) {
    long sum = 0;
    for (Thread thread : of) {
      sum += threads.getThreadAllocatedBytes(thread.getId());
    }
    return sum;
  }

  /** Adds up the CPU time and allocations of a provider's fetches, on the threads they run on. */
  private static final class Measured implements EnvProvider {
    final EnvProvider provider;
    final AtomicLong cpu = new AtomicLong();
    final AtomicLong allocated = new AtomicLong();

    Measured(EnvProvider provider) {
      this.provider = provider;
    }

    @Override
    public String name() {
      return provider.name();
    }

    @Override
    public ProviderSnapshot fetch(ProviderRequest request) throws Exception {
      com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
      long id = Thread.currentThread().getId();
      long startCpu = threads.getCurrentThreadCpuTime();
      long startBytes = threads.getThreadAllocatedBytes(id);
      try {
        return provider.fetch(request);
      } finally {
        cpu.addAndGet(threads.getCurrentThreadCpuTime() - startCpu);
        allocated.addAndGet(threads.getThreadAllocatedBytes(id) - startBytes);
      }
    }

    @Override
    public AutoCloseable watch(ProviderRequest request, Runnable changed) throws Exception {
      return provider.watch(request, changed);
    }
  }

  private static Map<String, String> fixture() throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    try (InputStream in = IdleRefresh.class.getResourceAsStream("/dev/envelope/benchmarks/fixture.env")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        int equals = line.indexOf('=');
        if (!line.startsWith("#") && equals > 0) {
          values.put(line.substring(0, equals), line.substring(equals + 1));
        }
      }
    }
    return values;
  }

  /** Lays out {@code values} as the kubelet does: a version directory, {@code ..data} and key links. */
  private static Path kubeletVolume(Path root, Map<String, String> values) throws IOException {
    Path version = Files.createDirectories(root.resolve("..2026_12_01_00_00_00.000000001"));
    for (Map.Entry<String, String> entry : values.entrySet()) {
      String key = entry.getKey().toLowerCase(Locale.ROOT).replace('_', '-');
      Files.writeString(version.resolve(key), entry.getValue());
      Files.createSymbolicLink(root.resolve(key), Path.of("..data", key));
    }
    Files.createSymbolicLink(root.resolve("..data_tmp"), version.getFileName());
    Files.move(root.resolve("..data_tmp"), root.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
    return root;
  }
}
