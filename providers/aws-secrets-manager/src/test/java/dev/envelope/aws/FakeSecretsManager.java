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
 * answers {@code GetSecretValue}, {@code BatchGetSecretValue} and {@code DescribeSecret} with the
 * service's status codes and error bodies, and keeps versions with staging labels that {@code
 * PutSecretValue} and {@code UpdateSecretVersionStage} move the way a rotation does: {@code
 * AWSPENDING} on a new version, then {@code AWSCURRENT} moved onto it, and {@code AWSPREVIOUS}
 * moved by the service itself onto the version {@code AWSCURRENT} left.
 */
final class FakeSecretsManager implements AutoCloseable {
  static final String ACCOUNT_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:";

  private record Version(String id, String string, byte[] binary, Set<String> stages) {}

  private final AwsStandIn server;
  private final Map<String, List<Version>> secrets = new LinkedHashMap<>();
  private final Set<String> denied = new HashSet<>();
  private final Set<String> undecryptable = new HashSet<>();
  private final Set<String> scheduledForDeletion = new HashSet<>();
  private boolean batchDenied;
  private boolean describeDenied;
  private int pageSize = Integer.MAX_VALUE;
  private int versionCount;

  FakeSecretsManager() throws IOException {
    server =
        new AwsStandIn("secretsmanager", "secretsmanager.")
            .on("GetSecretValue", this::getSecretValue)
            .on("BatchGetSecretValue", this::batchGetSecretValue)
            .on("DescribeSecret", this::describeSecret)
            .on("PutSecretValue", this::putSecretValue)
            .on("UpdateSecretVersionStage", this::updateSecretVersionStage);
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
    String id = UUID.nameUUIDFromBytes((name + "#" + ++versionCount).getBytes(StandardCharsets.UTF_8)).toString();
    add(name, new Version(id, string, binary, new HashSet<>()), List.of("AWSCURRENT"));
    return this;
  }

  /** Adds {@code version} to {@code name}, moving each of {@code stages} onto it as the service does. */
  private void add(String name, Version version, List<String> stages) {
    List<Version> versions = secrets.computeIfAbsent(name, n -> new ArrayList<>());
    versions.add(version);
    for (String stage : stages) {
      attach(versions, stage, version);
    }
    versions.removeIf(v -> v.stages.isEmpty());
  }

  /** Moves {@code stage} onto {@code target}; moving AWSCURRENT moves AWSPREVIOUS onto the version it left. */
  private static void attach(List<Version> versions, String stage, Version target) {
    for (Version version : versions) {
      if (version != target && version.stages.remove(stage) && stage.equals("AWSCURRENT")) {
        versions.forEach(v -> v.stages.remove("AWSPREVIOUS"));
        version.stages.add("AWSPREVIOUS");
      }
    }
    target.stages.add(stage);
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

  /** Returns the staging labels of every version of {@code name} that has any, by version id. */
  synchronized Map<String, Set<String>> stages(String name) {
    Map<String, Set<String>> stages = new LinkedHashMap<>();
    secrets.get(name).forEach(v -> stages.put(v.id, Set.copyOf(v.stages)));
    return stages;
  }

  /** Marks {@code name} scheduled for deletion: described with a DeletedDate, its value no longer readable. */
  synchronized void scheduleDeletion(String name) {
    scheduledForDeletion.add(name);
  }

  /** Answers every {@code DescribeSecret} with AccessDeniedException, as for a role without that permission. */
  synchronized void denyDescribe() {
    describeDenied = true;
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

  private synchronized String describeSecret(JsonNode request) {
    String id = request.field("SecretId").map(JsonNode::asString).orElse("");
    String name = nameOf(id);
    if (describeDenied) {
      throw new AwsError(400, "AccessDeniedException",
          "User: arn:aws:iam::123456789012:user/app is not authorized to perform: secretsmanager:DescribeSecret on resource: " + id);
    }
    if (name == null) {
      throw new AwsError(400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
    }
    List<String> versions = new ArrayList<>();
    for (Version version : secrets.get(name)) {
      versions.add(Json.string(version.id) + ":[" + String.join(",", version.stages.stream().sorted().map(Json::string).toList()) + "]");
    }
    String deleted = scheduledForDeletion.contains(name) ? ",\"DeletedDate\":1.7642E9" : "";
    return "{\"ARN\":" + Json.string(arn(name)) + ",\"Name\":" + Json.string(name)
        + ",\"LastChangedDate\":1.7641E9" + deleted + ",\"VersionIdsToStages\":{" + String.join(",", versions) + "}"
        + ",\"CreatedDate\":1.7639E9}";
  }

  /** Stores a new version: {@code ClientRequestToken} is its id, {@code VersionStages} its labels (default AWSCURRENT). */
  private synchronized String putSecretValue(JsonNode request) {
    String id = request.field("SecretId").map(JsonNode::asString).orElse("");
    String name = nameOf(id);
    if (name == null) {
      throw new AwsError(400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
    }
    String versionId = request.field("ClientRequestToken").map(JsonNode::asString)
        .orElseThrow(() -> new AwsError(400, "InvalidParameterException", "ClientRequestToken is required"));
    List<String> stages = new ArrayList<>();
    request.field("VersionStages").ifPresent(list -> list.asArray().forEach(n -> stages.add(n.asString())));
    String string = request.field("SecretString").map(JsonNode::asString).orElse(null);
    byte[] binary = request.field("SecretBinary").map(n -> Base64.getDecoder().decode(n.asString())).orElse(null);
    add(name, new Version(versionId, string, binary, new HashSet<>()), stages.isEmpty() ? List.of("AWSCURRENT") : stages);
    Version added = secrets.get(name).stream().filter(v -> v.id.equals(versionId)).findFirst().orElseThrow();
    return "{\"ARN\":" + Json.string(arn(name)) + ",\"Name\":" + Json.string(name) + ",\"VersionId\":" + Json.string(versionId)
        + ",\"VersionStages\":[" + String.join(",", added.stages.stream().map(Json::string).toList()) + "]}";
  }

  /** Moves a staging label between versions, with the checks the service makes on {@code RemoveFromVersionId}. */
  private synchronized String updateSecretVersionStage(JsonNode request) {
    String id = request.field("SecretId").map(JsonNode::asString).orElse("");
    String name = nameOf(id);
    if (name == null) {
      throw new AwsError(400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
    }
    String stage = request.field("VersionStage").map(JsonNode::asString).orElse("");
    String moveTo = request.field("MoveToVersionId").map(JsonNode::asString).orElse(null);
    String removeFrom = request.field("RemoveFromVersionId").map(JsonNode::asString).orElse(null);
    List<Version> versions = secrets.get(name);
    Version holder = versions.stream().filter(v -> v.stages.contains(stage)).findFirst().orElse(null);
    if (holder != null && moveTo != null && !holder.id.equals(moveTo) && !holder.id.equals(removeFrom)) {
      throw new AwsError(400, "InvalidParameterException", "The parameter RemoveFromVersionId can't be empty. Staging label "
          + stage + " is currently attached to version " + holder.id + ", so you must explicitly reference that version in RemoveFromVersionId.");
    }
    if (moveTo == null) {
      versions.stream().filter(v -> v.id.equals(removeFrom)).forEach(v -> v.stages.remove(stage));
    } else {
      Version target = versions.stream().filter(v -> v.id.equals(moveTo)).findFirst()
          .orElseThrow(() -> new AwsError(400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret version."));
      attach(versions, stage, target);
    }
    versions.removeIf(v -> v.stages.isEmpty());
    return "{\"ARN\":" + Json.string(arn(name)) + ",\"Name\":" + Json.string(name) + "}";
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
    if (denied.contains(name)) {
      return "AccessDeniedException";
    }
    if (scheduledForDeletion.contains(name)) {
      return "InvalidRequestException";
    }
    return undecryptable.contains(name) ? "DecryptionFailure" : null;
  }

  private static String message(String code, String id) {
    return switch (code) {
      case "ResourceNotFoundException" -> "Secrets Manager can't find the specified secret.";
      case "AccessDeniedException" ->
          "User: arn:aws:iam::123456789012:user/app is not authorized to perform: secretsmanager:GetSecretValue on resource: " + id;
      case "InvalidRequestException" ->
          "You can't perform this operation on the secret because it was marked for deletion.";
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
