package dev.envelope.benchmarks.providers;

import com.sun.net.httpserver.HttpServer;
import dev.envelope.Env;
import dev.envelope.Secret;
import dev.envelope.spi.EnvProvider;
import dev.envelope.spi.ProviderRequest;
import dev.envelope.spi.ProviderSnapshot;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Shows that remote providers are fetched concurrently: two providers that each wait 200 ms for a
 * local HTTP server should make a load take about as long as one such provider, not twice as long.
 * Prints, per round, a load with both providers, a load with one, and the two fetches made one after
 * the other without Envelope; then the medians after the first round, which pays for class loading.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.envelope.benchmarks.providers.ConcurrentProviders [loads] [delayMs]}.
 */
public final class ConcurrentProviders {
  private ConcurrentProviders() {}

  /** The schema: one variable from each provider. */
  public record Remote(String databaseUrl, Secret<String> apiToken) {}

  public static void main(String[] args) throws Exception {
    int loads = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    long delayMs = args.length > 1 ? Long.parseLong(args[1]) : 200;
    ExecutorService handlers = Executors.newCachedThreadPool();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(handlers);
    server.createContext("/", exchange -> {
      try {
        Thread.sleep(delayMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      String name = exchange.getRequestURI().getPath().substring(1);
      byte[] body = ("value-of-" + name).getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    HttpClient client = HttpClient.newHttpClient();
    URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    EnvProvider first = new DelayedProvider("slow-a", client, base, "DATABASE_URL");
    EnvProvider second = new DelayedProvider("slow-b", client, base, "API_TOKEN");
    try {
      double[] both = new double[loads];
      double[] one = new double[loads];
      double[] sequential = new double[loads];
      double[] parallel = new double[loads];
      for (int i = 0; i < loads; i++) {
        long start = System.nanoTime();
        Remote remote = Env.builder().hermetic().provider(first).provider(second).load(Remote.class);
        both[i] = (System.nanoTime() - start) / 1e6;
        if (!remote.databaseUrl().equals("value-of-DATABASE_URL")) {
          throw new IllegalStateException("unexpected value " + remote.databaseUrl());
        }

        start = System.nanoTime();
        Env.builder().hermetic().value("API_TOKEN", "local").provider(first).load(Remote.class);
        one[i] = (System.nanoTime() - start) / 1e6;

        // The same two fetches one after the other, without Envelope: what a sequential loader pays.
        ProviderRequest request = ProviderRequest.of(dev.envelope.Profile.DEVELOPMENT, Set.of(), Map.of());
        start = System.nanoTime();
        first.fetch(request);
        second.fetch(request);
        sequential[i] = (System.nanoTime() - start) / 1e6;

        // ...and side by side on two threads, without Envelope: the transport's own floor.
        start = System.nanoTime();
        CompletableFuture<ProviderSnapshot> a = CompletableFuture.supplyAsync(() -> fetch(first, request), handlers);
        fetch(second, request);
        a.join();
        parallel[i] = (System.nanoTime() - start) / 1e6;
        System.out.println(String.format(Locale.ROOT,
            "round %d: Envelope with two providers %.0f ms, with one %.0f ms;"
                + " without Envelope, both fetched one after the other %.0f ms, side by side %.0f ms",
            i + 1, both[i], one[i], sequential[i], parallel[i]));
      }
      System.out.println(String.format(Locale.ROOT,
          "median after the first round, each provider waiting %d ms: Envelope with two providers %.0f ms,"
              + " with one %.0f ms; without Envelope, one after the other %.0f ms, side by side %.0f ms",
          delayMs, warmMedian(both), warmMedian(one), warmMedian(sequential), warmMedian(parallel)));
    } finally {
      server.stop(0);
      handlers.shutdownNow();
    }
  }

  private static ProviderSnapshot fetch(EnvProvider provider, ProviderRequest request) {
    try {
      return provider.fetch(request);
    } catch (Exception e) {
      throw new IllegalStateException(provider.name() + " failed", e);
    }
  }

  /** Returns the median of all but the first value, which includes class loading. */
  private static double warmMedian(double[] values) {
    double[] warm = Arrays.copyOfRange(values, Math.min(1, values.length - 1), values.length);
    Arrays.sort(warm);
    return warm[warm.length / 2];
  }

  /** A provider that fetches one variable from the delayed server. */
  private static final class DelayedProvider implements EnvProvider {
    private final String name;
    private final HttpClient client;
    private final URI base;
    private final String variable;

    DelayedProvider(String name, HttpClient client, URI base, String variable) {
      this.name = name;
      this.client = client;
      this.base = base;
      this.variable = variable;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public ProviderSnapshot fetch(ProviderRequest request) throws IOException, InterruptedException {
      HttpResponse<String> response =
          client.send(HttpRequest.newBuilder(base.resolve(variable)).build(), HttpResponse.BodyHandlers.ofString());
      return ProviderSnapshot.builder().put(variable, response.body(), name + " " + base.resolve(variable)).build();
    }
  }
}
