package dev.envelope.aws.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * A local AWS service speaking the AWS JSON 1.1 protocol: it takes the operation from {@code
 * X-Amz-Target}, checks the content type and every request's SigV4 signature against {@link
 * SignatureCheck}'s credentials, answers with the operation's handler or AWS's error shapes, records
 * the calls, and serves {@linkplain Fault faults} on demand (throttling, proxies' answers, stalls).
 * A service's stand-in registers its operations' handlers.
 */
public final class AwsStandIn implements AutoCloseable {
  /** The content type of the AWS JSON 1.1 protocol. */
  public static final String JSON_1_1 = "application/x-amz-json-1.1";

  /** A call received: the operation (e.g. {@code GetParametersByPath}) and its JSON body. */
  public record Call(String operation, JsonNode body) {}

  /** Answers one operation's request with a JSON body, or throws {@link AwsError}. */
  @FunctionalInterface
  public interface Operation {
    String answer(JsonNode request);
  }

  /** An error answer in AWS's shape: {@code {"__type": code, "message": ...}} and {@code x-amzn-ErrorType}. */
  public static final class AwsError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final String code;

    public AwsError(int status, String code, String message) {
      super(message, null, false, false);
      this.status = status;
      this.code = code;
    }
  }

  /** A whole exchange served instead of the operation's answer, for failures that are not AWS errors. */
  @FunctionalInterface
  public interface Fault {
    void serve(HttpExchange exchange, CountDownLatch closed) throws IOException;
  }

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final String signingName;
  private final String targetPrefix;
  private final Map<String, Operation> operations = new ConcurrentHashMap<>();
  private final Deque<Fault> faults = new ArrayDeque<>();
  private final List<Call> calls = new ArrayList<>();

  /**
   * Starts a stand-in for the service signed as {@code signingName} ({@code ssm}) whose targets start
   * with {@code targetPrefix} ({@code AmazonSSM.}).
   */
  public AwsStandIn(String signingName, String targetPrefix) throws IOException {
    this.signingName = signingName;
    this.targetPrefix = targetPrefix;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Returns the stand-in's URL, for {@code endpoint(...)} or {@code AWS_ENDPOINT_URL_*}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Answers {@code name} (without the target prefix) with {@code operation}. */
  public AwsStandIn on(String name, Operation operation) {
    operations.put(name, operation);
    return this;
  }

  /** Serves {@code fault} to each of the next {@code times} signed requests instead of answering them. */
  public synchronized AwsStandIn failNext(int times, Fault fault) {
    for (int i = 0; i < times; i++) {
      faults.add(fault);
    }
    return this;
  }

  /** Answers each of the next {@code times} signed requests with this AWS error. */
  public AwsStandIn failNext(int times, int status, String code, String message) {
    return failNext(times, Faults.error(status, code, message));
  }

  /** Returns every call received, in order. */
  public synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  /** Returns how many calls of {@code operation} were received. */
  public synchronized long calls(String operation) {
    return calls.stream().filter(c -> c.operation.equals(operation)).count();
  }

  /** Stops the server, releasing any exchange a fault holds open. */
  @Override
  public void close() {
    closed.countDown();
    server.stop(0);
    threads.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
      String operation = target.startsWith(targetPrefix) ? target.substring(targetPrefix.length()) : target;
      synchronized (this) {
        calls.add(new Call(operation, JsonNode.parser().parse(body)));
      }
      if (!JSON_1_1.equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
        error(exchange, 400, "SerializationException", "Expected " + JSON_1_1);
        return;
      }
      SignatureCheck.Rejection rejection = SignatureCheck.verify(exchange, body, signingName);
      if (rejection != null) {
        error(exchange, 400, rejection.code(), rejection.message());
        return;
      }
      Fault fault;
      synchronized (this) {
        fault = faults.poll();
      }
      if (fault != null) {
        fault.serve(exchange, closed);
        return;
      }
      Operation handler = operations.get(operation);
      if (handler == null) {
        error(exchange, 400, "UnknownOperationException", "Unknown operation " + target);
        return;
      }
      String answer;
      try {
        answer = handler.answer(JsonNode.parser().parse(body));
      } catch (AwsError e) {
        error(exchange, e.status, e.code, e.getMessage());
        return;
      }
      respond(exchange, 200, answer);
    }
  }

  static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
    exchange.getResponseHeaders().add("x-amzn-ErrorType", code + ":http://internal.amazon.com/coral/com.amazon.aws/");
    respond(exchange, status, "{\"__type\":" + Json.string(code) + ",\"message\":" + Json.string(message) + "}");
  }

  static void respond(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", JSON_1_1);
    exchange.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
