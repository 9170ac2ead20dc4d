package dev.envelope.benchmarks.jmh;

import dev.envelope.Env;
import dev.envelope.benchmarks.envelope.AppEnv;
import dev.envelope.benchmarks.envelope.PlainAppEnv;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Measures a warm re-load of the quickstart's schema: the JVM and the validator are started, and each
 * call reads the {@code .env} file again, resolves, converts and validates, as a configuration
 * reload in a long-running service would.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
// Long warm-up: the first call waits for the validator's bootstrap, and C2 is still compiling the
// loader's code ten seconds in on a busy 2-core machine.
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class WarmReload { // not final: JMH generates a subclass of each @State class
  /** The same process environment the cold-start harness gives its variants. */
  private static final Map<String, String> ENVIRONMENT =
      Map.of(
          "SMTP_PORT", "2525",
          "LOG_LEVEL", "warn",
          "S3_REGION", "eu-west-1",
          "DATABASE_POOL_MAX", "20",
          "SENTRY_DSN", "https://public@sentry.example.com/1");

  private Path directory;

  @Setup
  public void writeDotEnv() throws IOException {
    directory = Files.createTempDirectory("envelope-jmh");
    try (InputStream in = WarmReload.class.getResourceAsStream("/dev/envelope/benchmarks/fixture.env")) {
      Files.write(directory.resolve(".env"), in.readAllBytes());
    }
  }

  @TearDown
  public void deleteDotEnv() throws IOException {
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  /** Re-loads the schema with its constraints. */
  @Benchmark
  public AppEnv reload() {
    return Env.builder().environment(ENVIRONMENT).directory(directory).load(AppEnv.class);
  }

  /** Re-loads the schema without constraint annotations: resolution and conversion alone. */
  @Benchmark
  public PlainAppEnv reloadWithoutConstraints() {
    return Env.builder().environment(ENVIRONMENT).directory(directory).load(PlainAppEnv.class);
  }
}
