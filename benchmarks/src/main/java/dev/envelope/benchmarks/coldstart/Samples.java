package dev.envelope.benchmarks.coldstart;

import java.util.Arrays;

/** Collects one variant's measurements under one set of JVM flags and summarises them. */
final class Samples {
  private double[] wallMs = new double[0];
  private double[] rssMb = new double[0];

  void add(double wall, double rss) {
    wallMs = Arrays.copyOf(wallMs, wallMs.length + 1);
    wallMs[wallMs.length - 1] = wall;
    rssMb = Arrays.copyOf(rssMb, rssMb.length + 1);
    rssMb[rssMb.length - 1] = rss;
  }

  int count() {
    return wallMs.length;
  }

  double medianWall() {
    return percentile(wallMs, 50);
  }

  double p90Wall() {
    return percentile(wallMs, 90);
  }

  double medianRss() {
    return percentile(rssMb, 50);
  }

  double maxRss() {
    return percentile(rssMb, 100);
  }

  /** Nearest-rank percentile, except the median of an even count, which averages the middle two. */
  static double percentile(double[] values, int percent) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    if (percent == 50 && sorted.length % 2 == 0) {
      return (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
    int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
