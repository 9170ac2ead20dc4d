package dev.envelope.benchmarks.fleet;

import dev.envelope.Env;
import dev.envelope.EnvLoader;
import dev.envelope.Secret;
import dev.envelope.aws.AwsSecretsManagerProvider;
import dev.envelope.aws.testing.SignatureCheck;
import dev.envelope.doppler.DopplerProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Starts a fleet of N replicas at once, each a separate {@link EnvLoader} with its own provider on a
 * thread of its own (as pods of one rollout), against a local Doppler that limits the token to 240
 * requests a minute and a local Secrets Manager with a request-rate limit, and prints one Markdown
 * row per case: replicas that loaded, time until the last was ready, requests sent, refusals,
 * failures.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.envelope.benchmarks.fleet.Fleet [--replicas 50,200,500]
 *     [--cases doppler-default,doppler-wait,doppler-fallback,aws] [--aws-rate 50]</pre>
 *
 * <p>Doppler cases: {@code default} (the provider's defaults: a 25 s fetch inside the load's 30 s);
 * {@code wait} (the user lets a fetch wait up to 170 s, the load 180 s, six attempts: Retry-After
 * plus its jitter spreads the refused replicas over the next windows); {@code fallback} (every
 * replica has a fallback file from an earlier start, and {@code fallbackOnRateLimit}; the load may
 * take 170 s, as decrypting the files is CPU work that the replicas share here).
 */
public final class Fleet {
  private static final String TOKEN = "dp.st.prd.fleetbenchmarktoken0123456789abcdef";

  /** The fleet's schema when it reads Doppler. */
  public record DopplerEnv(String databaseUrl, Secret<String> jwtSecret) {}

  /** The fleet's schema when it reads Secrets Manager. */
  public record AwsEnv(Secret<String> apiKey) {}

  private record Outcome(long readyNanos, String failure) {}

  private static final java.util.concurrent.atomic.AtomicBoolean shown = new java.util.concurrent.atomic.AtomicBoolean();

  private Fleet() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    List<Integer> sizes = new ArrayList<>();
    for (String size : options.getOrDefault("replicas", "50,200,500").split(",")) {
      sizes.add(Integer.parseInt(size));
    }
    List<String> cases = List.of(options.getOrDefault("cases", "doppler-default,doppler-wait,doppler-fallback,aws").split(","));
    double awsRate = Double.parseDouble(options.getOrDefault("aws-rate", "50"));
    int window = Integer.parseInt(options.getOrDefault("window-seconds", "60"));
    Path work = Files.createTempDirectory("envelope-fleet");

    System.out.println("| case | replicas | loaded | failed | time to last ready | requests | refused (429 / throttled) | failures |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---|");
    for (String name : cases) {
      for (int replicas : sizes) {
        if (name.equals("aws")) {
          try (ThrottledSecretsManager aws = new ThrottledSecretsManager(awsRate)) {
            List<Outcome> outcomes = start(replicas, i -> awsReplica(aws));
            print(name + " (" + (int) awsRate + " requests/s)", replicas, outcomes, aws.requests(), aws.throttled());
          }
          continue;
        }
        String mode = name.substring("doppler-".length());
        if (mode.equals("fallback")) {
          seedFallbackFiles(work, replicas);
        }
        try (DopplerStandIn doppler = new DopplerStandIn(TOKEN, 240, window)) {
          List<Outcome> outcomes = start(replicas, i -> dopplerReplica(doppler, mode, work, i));
          print(name + " (240 per " + window + " s)", replicas, outcomes, doppler.requests(), doppler.refused());
        }
      }
    }
  }

  /** Makes replica {@code index}: its loader, ready to load its schema. */
  @FunctionalInterface
  private interface Replica {
    Callable<Record> loader(int index) throws Exception;
  }

  private static Callable<Record> dopplerReplica(DopplerStandIn doppler, String mode, Path work, int index) {
    DopplerProvider.Builder provider = DopplerProvider.builder().apiHost(doppler.endpoint().toString()).token(TOKEN)
        .project("api").config("prd");
    Env.Builder env = Env.builder().hermetic().noDiscoveredProviders();
    switch (mode) {
      case "default" -> { }
      case "wait" -> {
        provider.maxAttempts(6).timeout(Duration.ofSeconds(170));
        env.providerTimeout(Duration.ofSeconds(180));
      }
      case "fallback" -> {
        provider.fallbackFile(fallbackFile(work, index)).fallbackOnRateLimit();
        // Reading a fallback file derives its key with 500,000 PBKDF2 rounds (the CLI's count), a
        // fraction of a second of one core; a fleet of replicas on this machine's 2 cores shares
        // them, which a real fleet does not, so the load may take longer than its default 30 s here.
        env.providerTimeout(Duration.ofSeconds(170));
      }
      default -> throw new IllegalArgumentException("unknown Doppler case " + mode + " (default, wait, fallback)");
    }
    EnvLoader loader = env.provider(provider.build()).build();
    return () -> loader.load(DopplerEnv.class);
  }

  private static Callable<Record> awsReplica(ThrottledSecretsManager aws) {
    AwsSecretsManagerProvider provider = AwsSecretsManagerProvider.builder()
        .region(SignatureCheck.REGION)
        .endpoint(aws.endpoint())
        .credentials(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(SignatureCheck.ACCESS_KEY_ID, SignatureCheck.SECRET_ACCESS_KEY)))
        .plainSecret("fleet/api-key", "API_KEY")
        .build();
    EnvLoader loader = Env.builder().hermetic().noDiscoveredProviders().provider(provider).build();
    return () -> loader.load(AwsEnv.class);
  }

  private static Path fallbackFile(Path work, int index) {
    return work.resolve("replica-" + index).resolve("doppler.json");
  }

  /** An earlier start of every replica, against an unlimited Doppler, leaves each its fallback file. */
  private static void seedFallbackFiles(Path work, int replicas) throws Exception {
    try (DopplerStandIn doppler = new DopplerStandIn(TOKEN, 0, 60)) {
      for (int i = 0; i < replicas; i++) {
        if (Files.exists(fallbackFile(work, i))) {
          continue;
        }
        DopplerProvider provider = DopplerProvider.builder().apiHost(doppler.endpoint().toString()).token(TOKEN)
            .project("api").config("prd").fallbackFile(fallbackFile(work, i)).build();
        Env.builder().hermetic().noDiscoveredProviders().provider(provider).build().load(DopplerEnv.class);
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      for (int i = 0; i < replicas; i++) {
        while (!Files.exists(fallbackFile(work, i))) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("the fallback file of replica " + i + " was not written");
          }
          Thread.sleep(10); // the provider writes it on a thread of its own
        }
      }
    }
  }

  /** Starts every replica's load at the same instant; returns each one's outcome. */
  private static List<Outcome> start(int replicas, Replica replica) throws Exception {
    List<Callable<Record>> loaders = new ArrayList<>();
    for (int i = 0; i < replicas; i++) {
      loaders.add(replica.loader(i));
    }
    Outcome[] outcomes = new Outcome[replicas];
    CountDownLatch go = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(replicas);
    long[] start = new long[1];
    for (int i = 0; i < replicas; i++) {
      int index = i;
      Thread thread = new Thread(() -> {
        try {
          go.await();
          loaders.get(index).call();
          outcomes[index] = new Outcome(System.nanoTime() - start[0], null);
        } catch (Exception e) {
          outcomes[index] = new Outcome(System.nanoTime() - start[0], failure(e));
          if (Boolean.getBoolean("fleet.showFailure") && shown.compareAndSet(false, true)) {
            System.err.println(e.getMessage()); // Envelope's report: names and origins, never values
          }
        } finally {
          done.countDown();
        }
      }, "replica-" + i);
      thread.setDaemon(true);
      thread.start();
    }
    start[0] = System.nanoTime();
    go.countDown();
    if (!done.await(10, TimeUnit.MINUTES)) {
      throw new IllegalStateException("the fleet did not finish within 10 minutes");
    }
    return List.of(outcomes);
  }

  /** The provider's reason, without the report around it, numbers blurred so that like failures group. */
  private static String failure(Exception e) {
    String message = String.valueOf(e.getMessage());
    int reason = message.indexOf("Doppler is");
    if (reason < 0) {
      reason = message.indexOf("aws-secretsmanager");
    }
    String text = reason < 0 ? message : message.substring(reason);
    text = text.lines().findFirst().orElse("").replaceAll("[0-9]+", "N");
    return text.length() > 90 ? text.substring(0, 90) + "…" : text;
  }

  private static void print(String name, int replicas, List<Outcome> outcomes, long requests, int refused) {
    long lastReady = 0;
    int loaded = 0;
    Map<String, Integer> failures = new TreeMap<>();
    for (Outcome outcome : outcomes) {
      if (outcome.failure() == null) {
        loaded++;
        lastReady = Math.max(lastReady, outcome.readyNanos());
      } else {
        failures.merge(outcome.failure(), 1, Integer::sum);
      }
    }
    StringBuilder reasons = new StringBuilder();
    failures.forEach((reason, count) -> reasons.append(reasons.length() == 0 ? "" : "; ").append(count).append("× ").append(reason));
    System.out.printf("| %s | %d | %d | %d | %.1f s | %d | %d | %s |%n", name, replicas, loaded, replicas - loaded,
        lastReady / 1e9, requests, refused, reasons.length() == 0 ? "none" : reasons.toString().replace("|", "/"));
    System.out.flush();
  }
}
