package dev.envelope.benchmarks.coldstart;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Times whole JVM runs of each way to load the quickstart's schema, alternating the variants round
 * by round, and prints medians, 90th percentiles, peak RSS and ratios to the hand-written floor as
 * Markdown; then the same under JVM flags that shorten a cold start, and Envelope's runtime
 * dependency size. Run it through {@code benchmarks/coldstart.sh}.
 *
 * <p>Options: {@code --runs N} (default 20) runs per variant with default flags; {@code --flag-runs
 * N} (default 10, 0 skips) per variant and flag set; {@code --variants a,b} a subset (the floor is
 * always kept); {@code --baseline-core JAR} also runs the Envelope ways with another {@code
 * envelope-core} jar, for before-and-after numbers from one run; {@code --base DIR} the {@code
 * benchmarks} folder.
 */
public final class ColdStart {
  /**
   * The process environment every variant sees, and nothing else of the caller's: these override
   * values of the {@code .env} file or defaults, so every variant must honour both sources.
   */
  static final Map<String, String> ENVIRONMENT =
      Map.of(
          "SMTP_PORT", "2525",
          "LOG_LEVEL", "warn",
          "S3_REGION", "eu-west-1",
          "DATABASE_POOL_MAX", "20",
          "SENTRY_DSN", "https://public@sentry.example.com/1");

  private final Path workDir;
  private final Path cdsDir;
  private final Map<String, String> environment;
  private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
  private String checksum;
  private String checksumFrom;

  /**
   * Creates a harness that runs the variants in {@code workDir} (where it writes the {@code .env}
   * file), keeps AppCDS archives in {@code cdsDir}, and gives the variants {@code environment} as
   * their whole process environment, besides {@code PATH}.
   */
  ColdStart(Path workDir, Path cdsDir, Map<String, String> environment) {
    this.workDir = workDir;
    this.cdsDir = cdsDir;
    this.environment = Map.copyOf(environment);
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    Path base = Path.of(options.getOrDefault("base", "benchmarks")).toAbsolutePath().normalize();
    int runs = Integer.parseInt(options.getOrDefault("runs", "20"));
    int flagRuns = Integer.parseInt(options.getOrDefault("flag-runs", "10"));
    List<Variant> variants = new ArrayList<>();
    String only = "," + options.getOrDefault("variants", "") + ",";
    for (String name : options.getOrDefault("variants", "").split(",")) {
      if (!name.isEmpty() && Variant.ALL.stream().noneMatch(variant -> variant.name().equals(name))) {
        throw new IllegalArgumentException("unknown variant " + name + "; known: "
            + Variant.ALL.stream().map(Variant::name).toList());
      }
    }
    for (Variant variant : Variant.ALL) {
      if (only.equals(",,") || variant.name().equals("floor") || only.contains("," + variant.name() + ",")) {
        variants.add(
            variant.withOwnClassPath(base.resolve("target/envelope-benchmarks.jar"), base.resolve("target/classpath")));
      }
    }
    String baseline = options.get("baseline-core");
    if (baseline != null) {
      // The same Envelope ways once more with another envelope-core jar: before and after, same run.
      Path jar = Path.of(baseline).toAbsolutePath().normalize();
      if (!Files.isRegularFile(jar)) {
        throw new IllegalArgumentException("--baseline-core " + jar + " is not a file");
      }
      List<Variant> baselines = new ArrayList<>();
      for (Variant variant : variants) {
        if ("envelope".equals(variant.dependencies())) {
          baselines.add(variant.withCore(jar));
        }
      }
      variants.addAll(baselines);
    }
    ColdStart harness = new ColdStart(base.resolve("target/coldstart"), base.resolve("target/cds"), ENVIRONMENT);
    harness.prepare();

    System.out.println("## Cold start, default JVM flags (" + runs + " runs per way, alternating)");
    System.out.println();
    Map<Variant, Samples> plain = harness.measure(variants, runs, variant -> List.of());
    Report.headline(plain, harness.classesLoaded(variants));
    System.out.println();
    Report.dependencySize(base.resolve("target/classpath/envelope.txt"));

    if (flagRuns > 0) {
      System.out.println();
      System.out.println("## Cold start, JVM flags that help further (" + flagRuns
          + " runs per way and flag set, all interleaved)");
      System.out.println();
      harness.trainArchives(variants);
      Map<String, Function<Variant, List<String>>> flagSets = new LinkedHashMap<>();
      flagSets.put("default flags", variant -> List.of());
      flagSets.put("`-XX:TieredStopAtLevel=1`", variant -> List.of("-XX:TieredStopAtLevel=1"));
      flagSets.put("AppCDS", harness::archiveFlags);
      flagSets.put("AppCDS + `TieredStopAtLevel=1`",
          variant -> with(harness.archiveFlags(variant), "-XX:TieredStopAtLevel=1"));
      flagSets.put("AppCDS + `TieredStopAtLevel=1` + `-XX:+UseSerialGC`",
          variant -> with(harness.archiveFlags(variant), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
      List<Map<Variant, Samples>> measured = harness.measure(variants, flagRuns, List.copyOf(flagSets.values()));
      Map<String, Map<Variant, Samples>> flagged = new LinkedHashMap<>();
      int set = 0;
      for (String label : flagSets.keySet()) {
        flagged.put(label, measured.get(set++));
      }
      Report.flags(flagged);
    }
    System.out.println();
    System.out.println("Every run of every way loaded the same 20 values (checksum " + harness.checksum + ").");
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 == args.length) {
        throw new IllegalArgumentException(
            "usage: coldstart.sh [--runs N] [--flag-runs N] [--variants envelope,spring,...] [--baseline-core JAR] [--base DIR]");
      }
      options.put(args[i].substring(2), args[++i]);
    }
    return options;
  }

  private static List<String> with(List<String> flags, String... more) {
    List<String> all = new ArrayList<>(flags);
    all.addAll(List.of(more));
    return all;
  }

  /** Writes the quickstart's {@code .env} into the folder the variants run in. */
  void prepare() throws IOException {
    Files.createDirectories(workDir);
    try (InputStream in = ColdStart.class.getResourceAsStream("/dev/envelope/benchmarks/fixture.env")) {
      if (in == null) {
        throw new IOException("fixture.env is not on the class path; build the benchmarks module first");
      }
      Files.write(workDir.resolve(".env"), in.readAllBytes());
    }
  }

  /** Runs one warm-up round, then {@code runs} rounds, each starting at the next variant. */
  private Map<Variant, Samples> measure(List<Variant> variants, int runs, Function<Variant, List<String>> flags)
      throws IOException, InterruptedException {
    return measure(variants, runs, List.of(flags)).get(0);
  }

  /**
   * Measures every variant under every flag set, interleaved: each round runs every pair once,
   * starting at the next pair each round, so a burst of outside load on a shared machine spreads
   * over all cells instead of spoiling one column. Returns one map per flag set, in order.
   */
  private List<Map<Variant, Samples>> measure(
      List<Variant> variants, int runs, List<Function<Variant, List<String>>> flagSets)
      throws IOException, InterruptedException {
    List<Map<Variant, Samples>> samples = new ArrayList<>();
    List<int[]> pairs = new ArrayList<>();
    for (int set = 0; set < flagSets.size(); set++) {
      Map<Variant, Samples> bySet = new LinkedHashMap<>();
      for (int v = 0; v < variants.size(); v++) {
        bySet.put(variants.get(v), new Samples());
        pairs.add(new int[] {set, v});
        run(variants.get(v), flagSets.get(set).apply(variants.get(v))); // warm the page cache; not counted
      }
      samples.add(bySet);
    }
    for (int round = 0; round < runs; round++) {
      for (int i = 0; i < pairs.size(); i++) {
        int[] pair = pairs.get((round + i) % pairs.size());
        Variant variant = variants.get(pair[1]);
        Run run = run(variant, flagSets.get(pair[0]).apply(variant));
        samples.get(pair[0]).get(variant).add(run.wallMs(), run.rssKb() / 1024.0);
      }
    }
    return samples;
  }

  /** Counts the classes each variant loads, in one extra run logging class loading to a file. */
  private Map<Variant, Long> classesLoaded(List<Variant> variants) throws IOException, InterruptedException {
    Map<Variant, Long> counts = new LinkedHashMap<>();
    for (Variant variant : variants) {
      Path log = workDir.resolve("classes-" + variant.name() + ".log");
      Files.deleteIfExists(log);
      run(variant, List.of("-Xlog:class+load=info:file=" + log));
      try (java.util.stream.Stream<String> lines = Files.lines(log)) {
        counts.put(variant, lines.count());
      }
    }
    return counts;
  }

  /** Creates a dynamic AppCDS archive per variant from one training run (JDK 13 and later). */
  private void trainArchives(List<Variant> variants) throws IOException, InterruptedException {
    Files.createDirectories(cdsDir);
    for (Variant variant : variants) {
      Path archive = archive(variant);
      Files.deleteIfExists(archive);
      run(variant, List.of("-XX:ArchiveClassesAtExit=" + archive));
      if (!Files.exists(archive)) {
        throw new IllegalStateException("the JVM did not write " + archive);
      }
    }
  }

  private List<String> archiveFlags(Variant variant) {
    return List.of("-XX:SharedArchiveFile=" + archive(variant));
  }

  private Path archive(Variant variant) {
    return cdsDir.resolve(variant.name() + ".jsa");
  }

  /** Runs {@code variant} once and checks that it loaded the same values as every run before. */
  Run run(Variant variant, List<String> flags) throws IOException, InterruptedException {
    Execution execution = execute(variant, flags);
    Run run = Run.parse(execution.output(), execution.wallMs());
    if (execution.exitCode() != 0 || run == null) {
      throw new IllegalStateException(variant.name() + " " + flags + " failed with exit code "
          + execution.exitCode() + ":\n" + execution.output());
    }
    if (checksum == null) {
      checksum = run.checksum();
      checksumFrom = variant.name();
    } else if (!checksum.equals(run.checksum())) {
      throw new IllegalStateException(
          variant.name() + " loaded different values than " + checksumFrom + " (checksum " + run.checksum()
              + " vs " + checksum + "); rerun both with -Dfingerprint.show=true to compare");
    }
    return run;
  }

  /** Runs {@code variant} once in a JVM of its own, timing the whole process. */
  Execution execute(Variant variant, List<String> flags) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(flags);
    command.add("-cp");
    command.add(variant.classPath());
    command.add(variant.mainClass());
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
    Map<String, String> childEnvironment = builder.environment();
    String path = childEnvironment.get("PATH");
    childEnvironment.clear();
    if (path != null) {
      childEnvironment.put("PATH", path);
    }
    childEnvironment.putAll(environment);

    long start = System.nanoTime();
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = process.waitFor();
    long end = System.nanoTime();
    return new Execution(exit, output, (end - start) / 1e6);
  }

  /** What a child JVM did: its exit code, everything it printed, and its wall time. */
  record Execution(int exitCode, String output, double wallMs) {}

  /** One JVM run: its wall time, the fingerprint it printed and its peak RSS. */
  record Run(double wallMs, String checksum, long rssKb) {
    static Run parse(String output, double wallMs) {
      for (String line : output.split("\n")) {
        if (line.startsWith("values=" + Fingerprint.VALUES + " checksum=")) {
          String[] fields = line.trim().split(" ");
          return new Run(wallMs, fields[1].substring("checksum=".length()),
              Long.parseLong(fields[2].substring("rss_kb=".length())));
        }
      }
      return null;
    }
  }
}
