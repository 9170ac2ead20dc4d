package dev.envelope.benchmarks.coldstart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Prints the cold-start measurements as Markdown tables. */
final class Report {
  /** Issue 7's targets for Envelope, as ratios to the floor measured in the same run. */
  private static final double TARGET_RATIO = 2.5;
  private static final double TARGET_RATIO_NO_CONSTRAINTS = 2.0;
  // The schema as teams write it (issue "performance where users really are", goal 1).
  private static final double TARGET_RATIO_REALISTIC = 2.0;
  private static final double TARGET_RSS_MB = 60;

  private Report() {}

  static void headline(Map<Variant, Samples> samples, Map<Variant, Long> classes) {
    Samples floor = floor(samples);
    System.out.println(
        "| way to load | median wall | p90 wall | wall vs floor | median peak RSS | RSS vs floor | classes loaded |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|");
    for (Map.Entry<Variant, Samples> entry : samples.entrySet()) {
      Samples s = entry.getValue();
      System.out.println(String.format(Locale.ROOT, "| %s | %.0f ms | %.0f ms | %.2f× | %.1f MB | %.2f× | %d |",
          entry.getKey().label(), s.medianWall(), s.p90Wall(), s.medianWall() / floor.medianWall(),
          s.medianRss(), s.medianRss() / floor.medianRss(), classes.get(entry.getKey())));
    }
    System.out.println();
    System.out.println("Peak RSS is `VmHWM` read by each JVM from `/proc/self/status` as it prints its result;"
        + " classes loaded are counted in one extra run with `-Xlog:class+load`.");
    System.out.println();
    for (Map.Entry<Variant, Samples> entry : samples.entrySet()) {
      String name = entry.getKey().name();
      Samples s = entry.getValue();
      double ratio = s.medianWall() / floor.medianWall();
      if (name.equals("envelope")) {
        System.out.println(String.format(Locale.ROOT,
            "- Target `envelope` ≤ %.1f× floor: %.2f× %s; peak RSS ≤ %.0f MB: %.1f MB %s",
            TARGET_RATIO, ratio, verdict(ratio <= TARGET_RATIO),
            TARGET_RSS_MB, s.medianRss(), verdict(s.medianRss() <= TARGET_RSS_MB)));
      } else if (name.equals("envelope-realistic")) {
        System.out.println(String.format(Locale.ROOT,
            "- Target `envelope-realistic` ≤ %.1f× floor: %.2f× %s; peak RSS ≤ %.0f MB: %.1f MB %s",
            TARGET_RATIO_REALISTIC, ratio, verdict(ratio <= TARGET_RATIO_REALISTIC),
            TARGET_RSS_MB, s.medianRss(), verdict(s.medianRss() <= TARGET_RSS_MB)));
      } else if (name.equals("envelope-noconstraints")) {
        System.out.println(String.format(Locale.ROOT,
            "- Target `envelope-noconstraints` ≤ %.1f× floor: %.2f× %s",
            TARGET_RATIO_NO_CONSTRAINTS, ratio, verdict(ratio <= TARGET_RATIO_NO_CONSTRAINTS)));
      }
    }
  }

  /** Prints one column per flag set; the first set is the default flags, the baseline of the ratios. */
  static void flags(Map<String, Map<Variant, Samples>> flagged) {
    Map<Variant, Samples> plain = flagged.values().iterator().next();
    double floorMs = floor(plain).medianWall();
    StringBuilder header = new StringBuilder("| way to load");
    StringBuilder rule = new StringBuilder("|---");
    for (String flags : flagged.keySet()) {
      header.append(" | ").append(flags);
      rule.append("|---:");
    }
    System.out.println(header.append(" | peak RSS, last set |"));
    System.out.println(rule.append("|---:|"));
    for (Variant variant : plain.keySet()) {
      StringBuilder row = new StringBuilder("| ").append(variant.name());
      Samples last = null;
      for (Map<Variant, Samples> samples : flagged.values()) {
        last = samples.get(variant);
        row.append(" | ").append(cell(last.medianWall(), floorMs));
      }
      System.out.println(row.append(String.format(Locale.ROOT, " | %.1f MB |", last.medianRss())));
    }
    System.out.println();
    System.out.println("Cells: median wall time (ratio to the floor with default flags in this table). All cells of"
        + " this table are measured interleaved, in the same rounds. AppCDS archives are made by one training run"
        + " per way with `-XX:ArchiveClassesAtExit`.");
  }

  /** Prints the jars of Envelope's runtime class path (core and its transitive dependencies). */
  static void dependencySize(Path classpathFile) throws IOException {
    String[] jars = Files.readString(classpathFile).trim().split(java.io.File.pathSeparator);
    long total = 0;
    long core = 0;
    StringBuilder list = new StringBuilder();
    for (String jar : jars) {
      long size = Files.size(Path.of(jar));
      total += size;
      String name = Path.of(jar).getFileName().toString();
      if (name.startsWith("envelope-core-")) {
        core = size;
      }
      list.append(String.format(Locale.ROOT, "| %s | %.0f KB |%n", name, size / 1024.0));
    }
    System.out.println("## Runtime dependency size of envelope-core");
    System.out.println();
    System.out.println("| jar | size |");
    System.out.println("|---|---:|");
    System.out.print(list);
    System.out.println(String.format(Locale.ROOT, "| **total, %d jars** | **%.2f MB** |", jars.length, total / 1048576.0));
    System.out.println();
    System.out.println(String.format(Locale.ROOT,
        "envelope-core itself: %.0f KB; SmallRye Config + Hibernate Validator with their dependencies: %.2f MB.",
        core / 1024.0, (total - core) / 1048576.0));
  }

  private static Samples floor(Map<Variant, Samples> samples) {
    for (Map.Entry<Variant, Samples> entry : samples.entrySet()) {
      if (entry.getKey().name().equals("floor")) {
        return entry.getValue();
      }
    }
    throw new IllegalStateException("no floor measured");
  }

  private static String cell(double ms, double floorMs) {
    return String.format(Locale.ROOT, "%.0f ms (%.2f×)", ms, ms / floorMs);
  }

  private static String verdict(boolean met) {
    return met ? "(met)" : "(**missed**)";
  }
}
