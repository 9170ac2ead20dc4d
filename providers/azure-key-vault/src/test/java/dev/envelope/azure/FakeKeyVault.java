package dev.envelope.azure;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTPS stand-in for Azure Key Vault that speaks the REST API the SDK uses: the bearer
 * challenge ({@code 401} with {@code WWW-Authenticate: Bearer authorization="...",
 * resource="https://vault.azure.net"}) for a request without a token, {@code GET
 * /secrets/{name}/{version}}, the paged {@code GET /secrets} list with absolute {@code nextLink}s,
 * and error bodies {@code {"error":{"code":...,"message":...,"innererror":{"code":...}}}} for an
 * unknown, disabled or forbidden secret. Every request must carry an {@code api-version}. Names are
 * compared without regard to case, as Key Vault does.
 */
final class FakeKeyVault implements AutoCloseable {
  static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
  static final String RESOURCE = "https://vault.azure.net";

  /** A scripted answer: status, headers and body. */
  record Answer(int status, Map<String, String> headers, String body) {}

  /** One version of a secret. */
  record Version(String id, String value, boolean enabled, Long expires, Long notBefore) {}

  /** A request the vault received; the token is recorded only as whether it matched. */
  record Request(String method, String path, String query, boolean authorized) {}

  private final HttpsServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(24);
  private final String token;
  private final Map<String, List<Version>> secrets = new ConcurrentHashMap<>();
  private final Map<String, Deque<Answer>> scripted = new ConcurrentHashMap<>();
  private final Set<String> forbidden = ConcurrentHashMap.newKeySet();
  private final Set<String> hanging = ConcurrentHashMap.newKeySet();
  private final CountDownLatch release = new CountDownLatch(1);
  final CountDownLatch hangingReached = new CountDownLatch(1);
  final List<Request> requests = new CopyOnWriteArrayList<>();
  final AtomicInteger inFlight = new AtomicInteger();
  final AtomicInteger mostInFlight = new AtomicInteger();
  private volatile String challengeResource = RESOURCE;
  private volatile int pageSize = 25;

  FakeKeyVault(String token) throws Exception {
    this.token = token;
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(TestTls.server()));
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Returns the vault URL, {@code https://127.0.0.1:port}. */
  String url() {
    return "https://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Adds a version of {@code name} holding {@code value}, which becomes the latest. */
  FakeKeyVault put(String name, String versionId, String value) {
    return put(name, new Version(versionId, value, true, null, null));
  }

  FakeKeyVault put(String name, Version version) {
    secrets.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new CopyOnWriteArrayList<>()).add(version);
    return this;
  }

  /** Answers the next request for {@code path} ({@code /secrets/name}, or {@code /secrets}) with {@code answer}. */
  FakeKeyVault script(String path, Answer answer) {
    scripted.computeIfAbsent(path.toLowerCase(Locale.ROOT), p -> new ArrayDeque<>()).add(answer);
    return this;
  }

  /** Answers reads of {@code name} with 403 ForbiddenByRbac, as for an identity without a role. */
  FakeKeyVault forbid(String name) {
    forbidden.add(name.toLowerCase(Locale.ROOT));
    return this;
  }

  /** Holds every read of {@code name} open until the vault is closed. */
  FakeKeyVault hang(String name) {
    hanging.add(name.toLowerCase(Locale.ROOT));
    return this;
  }

  FakeKeyVault challengeResource(String resource) {
    this.challengeResource = resource;
    return this;
  }

  FakeKeyVault pageSize(int size) {
    this.pageSize = size;
    return this;
  }

  /** Returns every request received, challenges and lists included, in order. */
  List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Returns the authorized reads of secret values (not the challenges nor the list). */
  List<Request> reads() {
    return requests.stream().filter(r -> r.authorized() && !r.path().equals("/secrets")).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    int now = inFlight.incrementAndGet();
    mostInFlight.accumulateAndGet(now, Math::max);
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      String path = exchange.getRequestURI().getRawPath();
      String query = exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery();
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      boolean authorized = ("Bearer " + token).equals(authorization);
      requests.add(new Request(exchange.getRequestMethod(), path, query, authorized));
      if (authorization == null) {
        exchange.getResponseHeaders().add("WWW-Authenticate",
            "Bearer authorization=\"https://login.microsoftonline.com/" + TENANT + "\", resource=\"" + challengeResource + "\"");
        send(exchange, new Answer(401, Map.of(), error("Unauthorized", "AKV10000: Request is missing a Bearer or PoP token.", null)));
        return;
      }
      if (!authorized) {
        send(exchange, new Answer(401, Map.of(), error("Unauthorized", "AKV10032: Invalid issuer. Expected one of"
            + " https://sts.windows.net/" + TENANT + "/, found https://sts.windows.net/00000000-0000-0000-0000-000000000000/.", null)));
        return;
      }
      if (!query.contains("api-version=") || !exchange.getRequestMethod().equals("GET")) {
        send(exchange, new Answer(400, Map.of(), error("BadParameter", "The request URI is missing an api-version or is not a GET.", null)));
        return;
      }
      send(exchange, answer(path, query));
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private Answer answer(String path, String query) {
    String[] parts = path.split("/", -1); // "", "secrets", name, version
    String name = parts.length > 2 ? URLDecoder.decode(parts[2], UTF_8).toLowerCase(Locale.ROOT) : "";
    Deque<Answer> queue = scripted.get(parts.length > 2 ? "/secrets/" + name : "/secrets");
    synchronized (this) {
      if (queue != null && !queue.isEmpty()) {
        return queue.poll();
      }
    }
    if (parts.length == 2 && parts[1].equals("secrets")) {
      return list(query);
    }
    if (parts.length < 3 || parts.length > 4 || !parts[1].equals("secrets")) {
      return new Answer(404, Map.of(), error("NotFound", "The requested resource was not found.", null));
    }
    if (hanging.contains(name)) {
      hangingReached.countDown();
      try {
        release.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new Answer(503, Map.of(), error("ServiceUnavailable", "released", null));
    }
    if (forbidden.contains(name)) {
      return new Answer(403, Map.of(), error("Forbidden", "Caller is not authorized to perform action on resource.\r\n"
          + "Caller: appid=1950a258-227b-4e31-a9cf-717495945fc2;oid=0f3b3c1e-0000-0000-0000-000000000000\r\n"
          + "Action: 'Microsoft.KeyVault/vaults/secrets/getSecret/action'", "ForbiddenByRbac"));
    }
    List<Version> versions = secrets.get(name);
    String versionId = parts.length == 4 ? parts[3] : "";
    Version version = null;
    if (versions != null && !versions.isEmpty()) {
      version = versionId.isEmpty() ? versions.get(versions.size() - 1)
          : versions.stream().filter(v -> v.id().equals(versionId)).findFirst().orElse(null);
    }
    if (version == null) {
      return new Answer(404, Map.of(), error("SecretNotFound", "A secret with (name/id) " + name
          + (versionId.isEmpty() ? "" : "/" + versionId) + " was not found in this key vault. If you recently deleted"
          + " this secret you may be able to recover it using the correct recovery command.", null));
    }
    if (!version.enabled()) {
      return new Answer(403, Map.of(), error("Forbidden", "Operation get is not allowed on a disabled secret.", "SecretDisabled"));
    }
    return new Answer(200, Map.of(), "{\"value\":" + quote(version.value()) + ",\"id\":" + quote(url() + "/secrets/" + name + "/" + version.id())
        + ",\"attributes\":" + attributes(version) + ",\"tags\":{}}");
  }

  private Answer list(String query) {
    List<String> names = new ArrayList<>(secrets.keySet());
    names.sort(null);
    int skip = 0;
    for (String pair : query.split("&")) {
      if (pair.startsWith("$skiptoken=")) {
        skip = Integer.parseInt(pair.substring("$skiptoken=".length()));
      }
    }
    StringBuilder items = new StringBuilder();
    int end = Math.min(names.size(), skip + pageSize);
    for (int i = skip; i < end; i++) {
      List<Version> versions = secrets.get(names.get(i));
      items.append(items.length() == 0 ? "" : ",").append("{\"id\":").append(quote(url() + "/secrets/" + names.get(i)))
          .append(",\"attributes\":").append(attributes(versions.get(versions.size() - 1))).append(",\"tags\":{}}");
    }
    String next = end < names.size() ? quote(url() + "/secrets?api-version=7.6&$skiptoken=" + end + "&maxresults=" + pageSize) : "null";
    return new Answer(200, Map.of(), "{\"value\":[" + items + "],\"nextLink\":" + next + "}");
  }

  private static String attributes(Version version) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("enabled", version.enabled());
    if (version.notBefore() != null) {
      attributes.put("nbf", version.notBefore());
    }
    if (version.expires() != null) {
      attributes.put("exp", version.expires());
    }
    attributes.put("created", 1_700_000_000L);
    attributes.put("updated", 1_700_000_000L);
    attributes.put("recoveryLevel", "\"Recoverable+Purgeable\"");
    attributes.put("recoverableDays", 90);
    StringBuilder json = new StringBuilder("{");
    attributes.forEach((key, value) -> json.append(json.length() == 1 ? "" : ",").append('"').append(key).append("\":").append(value));
    return json.append('}').toString();
  }

  static String error(String code, String message, String innerCode) {
    String inner = innerCode == null ? "" : ",\"innererror\":{\"code\":" + quote(innerCode) + "}";
    return "{\"error\":{\"code\":" + quote(code) + ",\"message\":" + quote(message) + inner + "}}";
  }

  static String quote(String text) {
    StringBuilder json = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        default -> {
          if (c < 0x20) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    return json.append('"').toString();
  }

  private static void send(HttpExchange exchange, Answer answer) throws IOException {
    byte[] body = answer.body().getBytes(UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
    exchange.getResponseHeaders().add("x-ms-keyvault-service-version", "1.9.2000.1");
    answer.headers().forEach(exchange.getResponseHeaders()::add);
    exchange.sendResponseHeaders(answer.status(), body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    release.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
