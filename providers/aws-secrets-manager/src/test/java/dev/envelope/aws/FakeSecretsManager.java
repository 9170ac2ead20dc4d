package dev.envelope.aws;

import dev.envelope.aws.testing.AwsStandIn.AwsError;
import dev.envelope.aws.testing.AwsStandIn;
import dev.envelope.aws.testing.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * A local Secrets Manager on the shared {@link AwsStandIn} (JSON 1.1, SigV4 checks, faults): it
 * answers {@code GetSecretValue} and {@code BatchGetSecretValue} with the service's status codes and
 * error bodies.
 */
final class FakeSecretsManager implements AutoCloseable {
  static final String ACCOUNT_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:";

  private record Version(String id, String string, byte[] binary, Set<String> stages) {}

  private final AwsStandIn server;
  private final Map<String, List<Version>> secrets = new LinkedHashMap<>();
  private final Set<String> denied = new HashSet<>();
  private final Set<String> undecryptable = new HashSet<>();
  private boolean batchDenied;
  private int pageSize = Integer.MAX_VALUE;
  private int versionCount;

  FakeSecretsManager() throws IOException {
    server =
        new AwsStandIn("secretsmanager", "secretsmanager.")
            .on("GetSecretValue", this::getSecretValue)
            .on("BatchGetSecretValue", this::batchGetSecretValue);
  }

  URI endpoint() {
    return server.endpoint();
  }

  /** Returns the stand-in, to serve faults. */
  AwsStandIn server() {
    return server;
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
  void failNext(int times, int status, String code, String message) {
    server.failNext(times, status, code, message);
  }

  List<AwsStandIn.Call> calls() {
    return server.calls();
  }

  long calls(String operation) {
    return server.calls(operation);
  }

  @Override
  public void close() {
    server.close();
  }

  private synchronized String getSecretValue(JsonNode request) {
    String id = request.field("SecretId").map(JsonNode::asString).orElse("");
    String name = nameOf(id);
    if (name == null) {
      throw new AwsError(400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
    }
    String problem = problem(name);
    if (problem != null) {
      throw new AwsError(400, problem, message(problem, id));
    }
    String stage = request.field("VersionStage").map(JsonNode::asString).orElse(null);
    String versionId = request.field("VersionId").map(JsonNode::asString).orElse(null);
    Version version =
        secrets.get(name).stream()
            .filter(v -> versionId != null ? v.id.equals(versionId) : v.stages.contains(stage == null ? "AWSCURRENT" : stage))
            .findFirst()
            .orElse(null);
    if (version == null) {
      throw new AwsError(400, "ResourceNotFoundException",
          "Secrets Manager can't find the specified secret value for " + (versionId != null ? "VersionId: " + versionId : "staging label: " + stage));
    }
    return value(name, version);
  }

  private synchronized String batchGetSecretValue(JsonNode request) {
    if (batchDenied) {
      throw new AwsError(400, "AccessDeniedException",
          "User: arn:aws:iam::123456789012:user/app is not authorized to perform: secretsmanager:BatchGetSecretValue");
    }
    List<String> ids = new ArrayList<>();
    request.field("SecretIdList").ifPresent(list -> list.asArray().forEach(n -> ids.add(n.asString())));
    if (ids.isEmpty() || ids.size() > 20) {
      throw new AwsError(400, "InvalidParameterException", "SecretIdList must hold 1 to 20 secret ids, not " + ids.size());
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
    return "{\"SecretValues\":[" + String.join(",", values) + "],\"Errors\":[" + String.join(",", errors) + "]" + next + "}";
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
}
