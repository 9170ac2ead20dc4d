package dev.envelope.benchmarks.aws;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Times whole JVM runs of {@code Env.load} with one secret read from AWS Secrets Manager (the real
 * SDK, over url-connection, against a local endpoint in this process) against the same load with
 * the secret in the environment, alternating, and prints medians.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.envelope.benchmarks.aws.AwsColdStart [runs]</pre>
 *
 * <p>{@code -Dchild.flags="..."} adds JVM flags to every child (for example
 * {@code -Xlog:class+load:file=classes.log}), to look at a run rather than to time one.
 */
public final class AwsColdStart {
  private static final String SECRET = "benchmark-api-key-0123456789";

  private AwsColdStart() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    Path base = Path.of(System.getProperty("benchmarks.base", "benchmarks"));
    String jar = base.resolve("target/envelope-benchmarks.jar").toString();
    String core = Files.readString(base.resolve("target/classpath/envelope.txt")).trim() + ":" + jar;
    String aws = Files.readString(base.resolve("target/classpath/aws.txt")).trim() + ":" + jar;
    HttpServer server = fakeSecretsManager();
    String endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
    Map<String, String> fromAws = Map.of(
        "ENVELOPE_PROVIDERS", "aws-secretsmanager:prod/api-key?name=API_KEY",
        "AWS_REGION", "eu-west-1",
        "AWS_ENDPOINT_URL_SECRETS_MANAGER", endpoint,
        "AWS_ACCESS_KEY_ID", "AKIDBENCHMARK",
        "AWS_SECRET_ACCESS_KEY", "benchmark-secret-access-key");
    Map<String, String> fromEnvironment = Map.of("API_KEY", SECRET);
    List<Long> awsTimes = new ArrayList<>();
    List<Long> envTimes = new ArrayList<>();
    List<Long> awsRss = new ArrayList<>();
    List<Long> envRss = new ArrayList<>();
    try {
      for (int round = -1; round < runs; round++) {
        long[] withAws = run(aws, fromAws);
        long[] withEnv = run(core, fromEnvironment);
        if (round >= 0) {
          awsTimes.add(withAws[0]);
          awsRss.add(withAws[1]);
          envTimes.add(withEnv[0]);
          envRss.add(withEnv[1]);
        }
      }
    } finally {
      server.stop(0);
    }
    System.out.println("| one-secret load (" + runs + " runs each, alternating) | median wall | median peak RSS |");
    System.out.println("|---|---:|---:|");
    System.out.printf("| secret from the environment (envelope-core only) | %d ms | %.1f MB |%n", median(envTimes), median(envRss) / 1024.0);
    System.out.printf("| secret from AWS Secrets Manager (local endpoint) | %d ms | %.1f MB |%n", median(awsTimes), median(awsRss) / 1024.0);
  }

  private static long[] run(String classpath, Map<String, String> environment) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("java"));
    // Extra JVM flags for every child, for a look inside (-Xlog:class+load:file=...), not for timing.
    String flags = System.getProperty("child.flags", "");
    if (!flags.isBlank()) {
      command.addAll(List.of(flags.trim().split("\\s+")));
    }
    command.addAll(List.of("-cp", classpath, OneSecretMain.class.getName()));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    builder.environment().putAll(environment);
    builder.redirectErrorStream(true);
    long start = System.nanoTime();
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = process.waitFor();
    long millis = (System.nanoTime() - start) / 1_000_000;
    if (exit != 0 || !output.contains("length=" + SECRET.length())) {
      throw new IllegalStateException("a run failed (exit " + exit + "):\n" + output.replace(SECRET, "****"));
    }
    String rss = output.substring(output.indexOf("rss_kb=") + 7).trim();
    return new long[] {millis, Long.parseLong(rss)};
  }

  /** Answers GetSecretValue and BatchGetSecretValue for one plain secret, as the JSON 1.1 protocol does. */
  private static HttpServer fakeSecretsManager() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      try (InputStream in = exchange.getRequestBody()) {
        in.readAllBytes();
      }
      String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
      String value = "{\"ARN\":\"arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/api-key-AbCdEf\","
          + "\"Name\":\"prod/api-key\",\"SecretString\":\"" + SECRET + "\",\"VersionId\":\"v1\","
          + "\"VersionStages\":[\"AWSCURRENT\"],\"CreatedDate\":1.7E9}";
      String body = target.endsWith("BatchGetSecretValue") ? "{\"SecretValues\":[" + value + "],\"Errors\":[]}" : value;
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
      exchange.sendResponseHeaders(200, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
    return server;
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
