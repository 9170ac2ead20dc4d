package dev.envelope.benchmarks.fleet;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local Doppler secrets-download endpoint that limits requests per token as Doppler does: past
 * {@code limit} requests in a window (a minute for Doppler's 240), it answers 429 with Doppler's
 * error body and a {@code Retry-After} of the whole seconds until the window ends. Every request
 * counts, refused ones included; a missing or wrong token is 401.
 */
public final class DopplerStandIn implements AutoCloseable {
  static final String SECRETS_JSON =
      "{\"DATABASE_URL\":\"postgres://db:5432/app\",\"JWT_SECRET\":\"fleet-jwt-secret-0123456789abcdef0123456789\","
          + "\"DOPPLER_CONFIG\":\"prd\",\"DOPPLER_ENVIRONMENT\":\"prd\",\"DOPPLER_PROJECT\":\"api\"}";

  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(16);
  private final String token;
  private final int limit;
  private final long windowNanos;
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();
  private long windowStart;
  private int inWindow;

  /** Starts a stand-in for {@code token} allowing {@code limit} requests every {@code windowSeconds} (0: no limit). */
  public DopplerStandIn(String token, int limit, int windowSeconds) throws IOException {
    this.token = token;
    this.limit = limit;
    this.windowNanos = windowSeconds * 1_000_000_000L;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    server.setExecutor(threads);
    server.createContext("/v3/configs/config/secrets/download", this::handle);
    windowStart = System.nanoTime();
    server.start();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  int requests() {
    return requests.get();
  }

  int refused() {
    return refused.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      requests.incrementAndGet();
      if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        respond(exchange, 401, "{\"messages\":[\"Invalid Auth token\"],\"success\":false}");
        return;
      }
      long retryAfter = admit();
      if (retryAfter > 0) {
        refused.incrementAndGet();
        exchange.getResponseHeaders().set("Retry-After", Long.toString(retryAfter));
        respond(exchange, 429, "{\"messages\":[\"Too many requests\"],\"success\":false}");
        return;
      }
      respond(exchange, 200, SECRETS_JSON);
    }
  }

  /** Counts a request in the current window; returns 0 if allowed, else the seconds until the window ends. */
  private synchronized long admit() {
    if (limit <= 0) {
      return 0;
    }
    long now = System.nanoTime();
    if (now - windowStart >= windowNanos) {
      windowStart += (now - windowStart) / windowNanos * windowNanos;
      inWindow = 0;
    }
    if (++inWindow <= limit) {
      return 0;
    }
    long left = windowNanos - (now - windowStart);
    return Math.max(1, (left + 999_999_999L) / 1_000_000_000L);
  }

  private static void respond(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
