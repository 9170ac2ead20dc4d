package dev.envelope.benchmarks.scale;

import dev.envelope.Env;
import dev.envelope.EnvLoader;
import dev.envelope.aws.AwsSecretsManagerProvider;
import dev.envelope.aws.testing.AwsStandIn;
import dev.envelope.aws.testing.SignatureCheck;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * How load time grows with the work: schemas of 20, 200 and 2,000 variables, {@code .env} files of
 * 10, 1,000 and 100,000 lines (whole JVM runs, alternating, each printing its first {@code
 * Env.load}'s own time), and 1, 20 and 100 secrets from Secrets Manager (the shared AWS stand-in,
 * in this JVM, after warm-up loads; calls counted).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.envelope.benchmarks.scale.Scale [--runs 7] [--base benchmarks]</pre>
 */
public final class Scale {
  private static final int[] SCHEMAS = {20, 200, 2000};
  private static final int[] ENV_LINES = {10, 1000, 100_000};
  private static final int[] SECRETS = {1, 20, 100};

  private record Case(String label, int size, Path directory, String schema, Map<String, String> environment) {}

  private Scale() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    int runs = Integer.parseInt(options.getOrDefault("runs", "7"));
    Path base = Path.of(options.getOrDefault("base", "benchmarks")).toAbsolutePath().normalize();
    Path work = base.resolve("target/scale");
    String envelope = Files.readString(base.resolve("target/classpath/envelope.txt")).trim();
    String jar = base.resolve("target/envelope-benchmarks.jar").toString();
    Path sources = work.resolve("sources");
    Path classes = work.resolve("classes");
    List<Path> files = new ArrayList<>();
    for (int n : SCHEMAS) {
      files.addAll(Schemas.write(sources, n));
    }
    for (int n : SECRETS) {
      files.addAll(Schemas.writeSecrets(sources, n));
    }
    Schemas.compile(files, classes, envelope);
    String classPath = classes + ":" + jar + ":" + envelope;

    List<Case> cases = new ArrayList<>();
    for (int n : SCHEMAS) {
      Path dir = Files.createDirectories(work.resolve("schema-" + n));
      List<String> lines = new ArrayList<>();
      for (int g = 0; g < n / 20; g++) {
        for (int v = 0; v < 20; v++) {
          lines.add(Schemas.line(g, v));
        }
      }
      Files.write(dir.resolve(".env"), lines, StandardCharsets.UTF_8);
      cases.add(new Case("schema of " + n + " variables", n, dir, Schemas.name(n), Map.of()));
    }
    for (int n : ENV_LINES) {
      // The 20-variable schema: ten values from the file, ten from the environment; the rest of the
      // file is what large shared .env files hold, other services' keys and comments.
      Path dir = Files.createDirectories(work.resolve("env-" + n));
      List<String> lines = new ArrayList<>();
      Map<String, String> environment = new LinkedHashMap<>();
      for (int v = 0; v < 20; v++) {
        String line = Schemas.line(0, v);
        if (v < 10) {
          lines.add(line);
        } else {
          environment.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
        }
      }
      for (int i = lines.size(); i < n; i++) {
        lines.add(i % 2 == 0 ? "# setting " + i + " of another service" : "OTHER_SERVICE_SETTING_" + i + "=value-" + i);
      }
      Files.write(dir.resolve(".env"), lines, StandardCharsets.UTF_8);
      cases.add(new Case(".env of " + n + " lines", n, dir, Schemas.name(20), environment));
    }

    Map<Case, List<double[]>> samples = new LinkedHashMap<>();
    for (Case c : cases) {
      samples.put(c, new ArrayList<>());
      run(c, classPath); // warms the page cache; not counted
    }
    for (int round = 0; round < runs; round++) {
      for (int i = 0; i < cases.size(); i++) {
        Case c = cases.get((round + i) % cases.size());
        samples.get(c).add(run(c, classPath));
      }
    }
    System.out.println("| work | median JVM wall (min–max) | median first `Env.load` (min–max) | median peak RSS |");
    System.out.println("|---|---:|---:|---:|");
    for (Map.Entry<Case, List<double[]>> entry : samples.entrySet()) {
      List<double[]> s = entry.getValue();
      System.out.printf("| %s | %s | %s | %.1f MB |%n", entry.getKey().label(), spread(s, 0, "%.0f ms"),
          spread(s, 1, "%.1f ms"), median(s, 2) / 1024);
    }
    System.out.println();
    secretsCurve(classes, Math.max(runs * 2, 10));
  }

  /** Runs one case in a JVM of its own; returns its wall ms, its load's ms and its peak RSS in KB. */
  private static double[] run(Case c, String classPath) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classPath, ScaleMain.class.getName(), Schemas.PACKAGE + "." + c.schema())
        .directory(c.directory().toFile()).redirectErrorStream(true);
    String path = builder.environment().get("PATH");
    builder.environment().clear();
    builder.environment().put("PATH", path == null ? "/usr/bin:/bin" : path);
    builder.environment().putAll(c.environment());
    long start = System.nanoTime();
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = process.waitFor();
    double wall = (System.nanoTime() - start) / 1e6;
    int at = output.indexOf("load_us=");
    if (exit != 0 || at < 0) {
      throw new IllegalStateException(c.label() + " failed (exit " + exit + "):\n" + output);
    }
    String[] fields = output.substring(at).trim().split("\\s+");
    return new double[] {wall, Long.parseLong(fields[0].substring(8)) / 1000.0, Long.parseLong(fields[1].substring(7))};
  }

  /** Times loads of 1, 20 and 100 secrets from the AWS stand-in in this JVM, alternating, after warm-up. */
  private static void secretsCurve(Path classes, int runs) throws Exception {
    try (AwsStandIn aws = new AwsStandIn("secretsmanager", "secretsmanager.").on("BatchGetSecretValue", Scale::batch);
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, Scale.class.getClassLoader())) {
      Map<Integer, List<double[]>> samples = new LinkedHashMap<>();
      for (int n : SECRETS) {
        samples.put(n, new ArrayList<>());
      }
      for (int round = -3; round < runs; round++) {
        for (int n : SECRETS) {
          Class<? extends Record> schema =
              Class.forName(Schemas.PACKAGE + ".Secrets" + n, true, loader).asSubclass(Record.class);
          AwsSecretsManagerProvider.Builder provider = AwsSecretsManagerProvider.builder()
              .region(SignatureCheck.REGION).endpoint(aws.endpoint())
              .credentials(StaticCredentialsProvider.create(
                  AwsBasicCredentials.create(SignatureCheck.ACCESS_KEY_ID, SignatureCheck.SECRET_ACCESS_KEY)));
          for (int i = 0; i < n; i++) {
            provider.plainSecret("scale/s" + i, "S" + i);
          }
          EnvLoader env = Env.builder().hermetic().noDiscoveredProviders().provider(provider.build()).build();
          long calls = aws.calls("BatchGetSecretValue");
          long start = System.nanoTime();
          env.load(schema);
          double ms = (System.nanoTime() - start) / 1e6;
          if (round >= 0) {
            samples.get(n).add(new double[] {ms, aws.calls("BatchGetSecretValue") - calls});
          }
        }
      }
      System.out.println("| secrets from Secrets Manager (warm JVM, new provider and client each load) | median load (min–max) | BatchGetSecretValue calls a load |");
      System.out.println("|---|---:|---:|");
      for (Map.Entry<Integer, List<double[]>> entry : samples.entrySet()) {
        System.out.printf("| %d | %s | %.0f |%n", entry.getKey(), spread(entry.getValue(), 0, "%.1f ms"),
            median(entry.getValue(), 1));
      }
    }
  }

  private static String batch(JsonNode request) {
    StringBuilder values = new StringBuilder();
    for (JsonNode id : request.field("SecretIdList").orElseThrow().asArray()) {
      String name = id.asString();
      values.append(values.length() == 0 ? "" : ",")
          .append("{\"ARN\":\"arn:aws:secretsmanager:eu-west-1:123456789012:secret:").append(name).append("-AbCdEf\",")
          .append("\"Name\":\"").append(name).append("\",\"SecretString\":\"value-of-").append(name)
          .append("\",\"VersionId\":\"v1\",\"VersionStages\":[\"AWSCURRENT\"],\"CreatedDate\":1.7E9}");
    }
    return "{\"SecretValues\":[" + values + "],\"Errors\":[]}";
  }

  private static double median(List<double[]> samples, int field) {
    List<Double> values = new ArrayList<>();
    for (double[] sample : samples) {
      values.add(sample[field]);
    }
    Collections.sort(values);
    return values.get(values.size() / 2);
  }

  private static String spread(List<double[]> samples, int field, String format) {
    double min = Double.MAX_VALUE;
    double max = 0;
    for (double[] sample : samples) {
      min = Math.min(min, sample[field]);
      max = Math.max(max, sample[field]);
    }
    return String.format(format, median(samples, field)) + " (" + String.format(format, min).replace(" ms", "")
        + "–" + String.format(format, max) + ")";
  }
}
