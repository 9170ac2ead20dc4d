package dev.envelope.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * A local Secrets Manager speaking the AWS JSON 1.1 protocol for {@code GetSecretValue} and {@code
 * BatchGetSecretValue}: it checks every request's SigV4 signature against {@link SignatureCheck}'s
 * credentials, answers with the service's status codes and error bodies, and records the calls.
 */
final class FakeSecretsManager implements AutoCloseable {
  static final String ACCOUNT_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:";
  private static final String JSON_1_1 = "application/x-amz-json-1.1";

  /** A call the fake received: the operation (e.g. {@code BatchGetSecretValue}) and its JSON body. */
  record Call(String operation, JsonNode body) {}

  private record Version(String id, String string, byte[] binary, Set<String> stages) {}

  private record Failure(int status, String code, String message) {}

  private final HttpServer server;
  private final Map<String, List<Version>> secrets = new LinkedHashMap<>();
  private final Set<String> denied = new HashSet<>();
  private final Set<String> undecryptable = new HashSet<>();
  private final Deque<Failure> failures = new ArrayDeque<>();
  private final List<Call> calls = new ArrayList<>();
  private boolean batchDenied;
  private int pageSize = Integer.MAX_VALUE;
  private int versionCount;

  FakeSecretsManager() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Stores {@code string} as the current version of the secret {@code name}; the older one becomes AWSPREVIOUS. */
  synchronized FakeSecretsManager putString(String name, String string) {
    return put(name, string, null);
  }

  synchronized FakeSecretsManager putBinary(String name, byte[] binary) {
    return put(name, null, binary);
  }

  private FakeSecretsManager put(String name, String string, byte[] binary) {
    List<Version> versions = secrets.computeIfAbsent(name, n -> new ArrayList<>());
    versions.forEach(v -> v.stages.remove("AWSPREVIOUS"));
    for (Version version : versions) {
      if (version.stages.remove("AWSCURRENT")) {
        version.stages.add("AWSPREVIOUS");
      }
    }
    versions.removeIf(v -> v.stages.isEmpty());
    String id = UUID.nameUUIDFromBytes((name + "#" + ++versionCount).getBytes(StandardCharsets.UTF_8)).toString();
    versions.add(new Version(id, string, binary, new HashSet<>(Set.of("AWSCURRENT"))));
    return this;
  }

  /** Returns the version id of the version of {@code name} labelled {@code stage}. */
  synchronized String versionId(String name, String stage) {
    return secrets.get(name).stream().filter(v -> v.stages.contains(stage)).findFirst().orElseThrow().id;
  }

  static String arn(String name) {
    return ACCOUNT_ARN + name + "-Ab12Cd";
  }

  synchronized void deny(String name) {
    denied.add(name);
  }

  synchronized void failDecryption(String name) {
    undecryptable.add(name);
  }

  /** Answers every {@code BatchGetSecretValue} with AccessDeniedException, as for a role without that permission. */
  synchronized void denyBatch() {
    batchDenied = true;
  }

  /** Returns at most {@code pageSize} results per batch response, with a NextToken for the rest. */
  synchronized void pageSize(int pageSize) {
    this.pageSize = pageSize;
  }

  /** Answers the next {@code times} signed requests with this error instead. */
  synchronized void failNext(int times, int status, String code, String message) {
    for (int i = 0; i < times; i++) {
      failures.add(new Failure(status, code, message));
    }
  }

  synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  synchronized long calls(String operation) {
    return calls.stream().filter(c -> c.operation.equals(operation)).count();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
      String operation = target.startsWith("secretsmanager.") ? target.substring("secretsmanager.".length()) : target;
      synchronized (this) {
        calls.add(new Call(operation, JsonNode.parser().parse(body)));
      }
      if (!JSON_1_1.equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
        error(exchange, 400, "SerializationException", "Expected " + JSON_1_1);
        return;
      }
      SignatureCheck.Rejection rejection = SignatureCheck.verify(exchange, body);
      if (rejection != null) {
        error(exchange, 400, rejection.code(), rejection.message());
        return;
      }
      Failure failure;
      synchronized (this) {
        failure = failures.poll();
      }
      if (failure != null) {
        error(exchange, failure.status, failure.code, failure.message);
        return;
      }
      JsonNode request = JsonNode.parser().parse(body);
      switch (operation) {
        case "GetSecretValue" -> getSecretValue(exchange, request);
        case "BatchGetSecretValue" -> batchGetSecretValue(exchange, request);
        default -> error(exchange, 400, "UnknownOperationException", "Unknown operation " + target);
      }
    }
  }

  private synchronized void getSecretValue(HttpExchange exchange, JsonNode request) throws IOException {
    String id = request.field("SecretId").map(JsonNode::asString).orElse("");
    String name = nameOf(id);
    if (name == null) {
      error(exchange, 400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
      return;
    }
    String problem = problem(name);
    if (problem != null) {
      error(exchange, 400, problem, message(problem, id));
      return;
    }
    String stage = request.field("VersionStage").map(JsonNode::asString).orElse(null);
    String versionId = request.field("VersionId").map(JsonNode::asString).orElse(null);
    Version version =
        secrets.get(name).stream()
            .filter(v -> versionId != null ? v.id.equals(versionId) : v.stages.contains(stage == null ? "AWSCURRENT" : stage))
            .findFirst()
            .orElse(null);
    if (version == null) {
      error(exchange, 400, "ResourceNotFoundException",
          "Secrets Manager can't find the specified secret value for " + (versionId != null ? "VersionId: " + versionId : "staging label: " + stage));
      return;
    }
    respond(exchange, 200, value(name, version));
  }

  private synchronized void batchGetSecretValue(HttpExchange exchange, JsonNode request) throws IOException {
    if (batchDenied) {
      error(exchange, 400, "AccessDeniedException",
          "User: arn:aws:iam::123456789012:user/app is not authorized to perform: secretsmanager:BatchGetSecretValue");
      return;
    }
    List<String> ids = new ArrayList<>();
    request.field("SecretIdList").ifPresent(list -> list.asArray().forEach(n -> ids.add(n.asString())));
    if (ids.isEmpty() || ids.size() > 20) {
      error(exchange, 400, "InvalidParameterException", "SecretIdList must hold 1 to 20 secret ids, not " + ids.size());
      return;
    }
    int start = request.field("NextToken").map(n -> Integer.parseInt(n.asString())).orElse(0);
    int end = (int) Math.min(ids.size(), (long) start + pageSize);
    List<String> values = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (String id : ids.subList(start, end)) {
      String name = nameOf(id);
      String problem = name == null ? "ResourceNotFoundException" : problem(name);
      if (problem != null) {
        errors.add("{\"SecretId\":" + Json.string(id) + ",\"ErrorCode\":" + Json.string(problem)
            + ",\"Message\":" + Json.string(message(problem, id)) + "}");
      } else {
        Version current = secrets.get(name).stream().filter(v -> v.stages.contains("AWSCURRENT")).findFirst().orElseThrow();
        values.add(value(name, current));
      }
    }
    String next = end < ids.size() ? ",\"NextToken\":" + Json.string(String.valueOf(end)) : "";
    respond(exchange, 200,
        "{\"SecretValues\":[" + String.join(",", values) + "],\"Errors\":[" + String.join(",", errors) + "]" + next + "}");
  }

  private String nameOf(String id) {
    for (String name : secrets.keySet()) {
      if (id.equals(name) || id.equals(arn(name)) || id.equals(ACCOUNT_ARN + name)) {
        return name;
      }
    }
    return null;
  }

  private String problem(String name) {
    return denied.contains(name) ? "AccessDeniedException" : undecryptable.contains(name) ? "DecryptionFailure" : null;
  }

  private static String message(String code, String id) {
    return switch (code) {
      case "ResourceNotFoundException" -> "Secrets Manager can't find the specified secret.";
      case "AccessDeniedException" ->
          "User: arn:aws:iam::123456789012:user/app is not authorized to perform: secretsmanager:GetSecretValue on resource: " + id;
      default -> "Secrets Manager can't decrypt the protected secret text using the provided KMS key.";
    };
  }

  private static String value(String name, Version version) {
    String payload =
        version.string != null
            ? "\"SecretString\":" + Json.string(version.string)
            : "\"SecretBinary\":" + Json.string(Base64.getEncoder().encodeToString(version.binary));
    return "{\"ARN\":" + Json.string(arn(name)) + ",\"Name\":" + Json.string(name)
        + ",\"VersionId\":" + Json.string(version.id) + "," + payload
        + ",\"VersionStages\":[" + String.join(",", version.stages.stream().map(Json::string).toList()) + "]"
        + ",\"CreatedDate\":1.7639E9}";
  }

  private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
    exchange.getResponseHeaders().add("x-amzn-ErrorType", code + ":http://internal.amazon.com/coral/com.amazonaws.secretsmanager/");
    respond(exchange, status, "{\"__type\":" + Json.string(code) + ",\"message\":" + Json.string(message) + "}");
  }

  private static void respond(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", JSON_1_1);
    exchange.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
