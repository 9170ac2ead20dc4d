package dev.envelope.benchmarks.scale;

import dev.envelope.Env;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads the generated schema named by its argument from the {@code .env} file of the working
 * directory and the environment, in a fresh JVM, and prints how long the first {@code Env.load}
 * took and the process's peak RSS.
 */
public final class ScaleMain {
  private ScaleMain() {}

  public static void main(String[] args) throws Exception {
    Class<? extends Record> schema = Class.forName(args[0]).asSubclass(Record.class);
    long start = System.nanoTime();
    Record loaded = Env.load(schema);
    long nanos = System.nanoTime() - start;
    String rss = "0";
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        rss = line.substring(6).trim().split("\\s+")[0];
      }
    }
    System.out.println("load_us=" + nanos / 1000 + " rss_kb=" + rss + " components=" + loaded.getClass().getRecordComponents().length);
  }
}
