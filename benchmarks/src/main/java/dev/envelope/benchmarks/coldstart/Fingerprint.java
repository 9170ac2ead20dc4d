package dev.envelope.benchmarks.coldstart;

import java.io.FileInputStream;
import java.io.IOException;

/**
 * Prints what a cold-start variant loaded as one line the driver reads: a checksum of the loaded
 * values, so the JIT cannot drop the load and every variant is proven to load the same values, and
 * the process's peak resident set size so far.
 *
 * <p>Written with nothing but {@code String} arithmetic and a {@code FileInputStream} so that it adds
 * the same handful of already-loaded classes to every variant, the floor included.
 */
public final class Fingerprint {
  /** The number of values every variant reports, in the order of {@link #print}'s javadoc. */
  public static final int VALUES = 20;

  private Fingerprint() {}

  /**
   * Prints {@code values=20 checksum=<hex> rss_kb=<peak>} on standard output; with the system property
   * {@code fingerprint.show} set, also each value, for finding why two variants disagree.
   *
   * <p>The values, in order: profile, app URL, API URL, database URL, pool min, pool max, cache URL,
   * JWT secret, access lifetime, refresh lifetime, SMTP host, port, user, password, S3 bucket, region,
   * access key id, secret access key, Sentry DSN (empty string when absent), log level.
   *
   * @throws IllegalArgumentException if not exactly {@value #VALUES} values are given
   */
  public static void print(Object... values) {
    if (values.length != VALUES) {
      throw new IllegalArgumentException("expected " + VALUES + " values, got " + values.length);
    }
    if (System.getProperty("fingerprint.show") != null) {
      System.out.print(canonical(values));
    }
    // A StringBuilder, not `+`: string concatenation bootstraps invokedynamic on first use, which
    // would add the same few milliseconds to every variant and blur the floor.
    System.out.println(
        new StringBuilder("values=")
            .append(values.length)
            .append(" checksum=")
            .append(checksum(values))
            .append(" rss_kb=")
            .append(peakRssKb()));
  }

  /** Returns the checksum {@link #print} prints for {@code values}. */
  public static String checksum(Object... values) {
    return Long.toHexString(fnv1a(canonical(values)));
  }

  private static StringBuilder canonical(Object... values) {
    StringBuilder canonical = new StringBuilder();
    for (Object value : values) {
      canonical.append(value).append('\n');
    }
    return canonical;
  }

  private static long fnv1a(CharSequence text) {
    long hash = 0xcbf29ce484222325L;
    for (int i = 0; i < text.length(); i++) {
      hash ^= text.charAt(i);
      hash *= 0x100000001b3L;
    }
    return hash;
  }

  /** Reads {@code VmHWM} (peak RSS) from {@code /proc/self/status}; -1 where there is no procfs. */
  static long peakRssKb() {
    byte[] buffer = new byte[8192];
    int length = 0;
    try (FileInputStream in = new FileInputStream("/proc/self/status")) {
      int read;
      while (length < buffer.length && (read = in.read(buffer, length, buffer.length - length)) > 0) {
        length += read;
      }
    } catch (IOException e) {
      return -1;
    }
    String status = new String(buffer, 0, length, java.nio.charset.StandardCharsets.US_ASCII);
    int at = status.indexOf("VmHWM:");
    if (at < 0) {
      return -1;
    }
    long kb = 0;
    for (int i = at + 6; i < status.length(); i++) {
      char c = status.charAt(i);
      if (c >= '0' && c <= '9') {
        kb = kb * 10 + (c - '0');
      } else if (c == 'k' || c == '\n') {
        break;
      }
    }
    return kb;
  }
}
