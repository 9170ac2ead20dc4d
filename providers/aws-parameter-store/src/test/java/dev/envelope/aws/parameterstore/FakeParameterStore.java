package dev.envelope.aws.parameterstore;

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
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * A local Parameter Store on the shared {@link AwsStandIn} (JSON 1.1, SigV4 checks, faults): it
 * answers {@code GetParametersByPath} ten a page with an opaque {@code NextToken}, {@code
 * GetParameters} with versions, labels and {@code InvalidParameters}, and {@code DescribeParameters}
 * (names and versions, no values, 50 a page) for {@code Path} and {@code Name} filters, with the
 * service's error shapes.
 */
final class FakeParameterStore implements AutoCloseable {
  static final String ACCOUNT = "123456789012";
  private static final String USER = "User: arn:aws:iam::" + ACCOUNT + ":user/app is not authorized to perform: ";

  private record Version(long number, String type, String value, Set<String> labels) {}

  private final AwsStandIn server;
  private final Map<String, List<Version>> parameters = new LinkedHashMap<>();
  private final Set<String> deniedPaths = new HashSet<>();
  private final Set<String> kmsDenied = new HashSet<>();
  private boolean describeDenied;

  FakeParameterStore() throws IOException {
    server =
        new AwsStandIn("ssm", "AmazonSSM.")
            .on("GetParametersByPath", this::getParametersByPath)
            .on("GetParameters", this::getParameters)
            .on("DescribeParameters", this::describeParameters);
  }

  URI endpoint() {
    return server.endpoint();
  }

  AwsStandIn server() {
    return server;
  }

  /** Stores a new version of {@code name} of {@code type} ({@code String}, {@code StringList}, {@code SecureString}). */
  synchronized FakeParameterStore put(String name, String type, String value) {
    List<Version> versions = parameters.computeIfAbsent(name, n -> new ArrayList<>());
    versions.add(new Version(versions.size() + 1, type, value, new HashSet<>()));
    return this;
  }

  synchronized FakeParameterStore string(String name, String value) {
    return put(name, "String", value);
  }

  synchronized FakeParameterStore secure(String name, String value) {
    return put(name, "SecureString", value);
  }

  /** Attaches {@code label} to version {@code version} of {@code name}, moving it from another version as the service does. */
  synchronized void label(String name, long version, String label) {
    parameters.get(name).forEach(v -> v.labels.remove(label));
    parameters.get(name).get((int) version - 1).labels.add(label);
  }

  /** Denies {@code ssm:GetParametersByPath} on {@code path} to the caller. */
  synchronized void denyPath(String path) {
    deniedPaths.add(path);
  }

  /** Denies {@code kms:Decrypt} on the key of the SecureString {@code name}. */
  synchronized void denyDecryption(String name) {
    kmsDenied.add(name);
  }

  /** Deletes {@code name} and all its versions, as {@code DeleteParameter} does. */
  synchronized void delete(String name) {
    parameters.remove(name);
  }

  /** Denies {@code ssm:DescribeParameters} to the caller. */
  synchronized void denyDescribe() {
    describeDenied = true;
  }

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

  private synchronized String getParametersByPath(JsonNode request) {
    String path = request.field("Path").map(JsonNode::asString).orElse("");
    boolean recursive = request.field("Recursive").map(JsonNode::asBoolean).orElse(false);
    boolean decrypt = request.field("WithDecryption").map(JsonNode::asBoolean).orElse(false);
    long maxResults = request.field("MaxResults").map(n -> Long.parseLong(n.asNumber())).orElse(10L);
    if (!path.startsWith("/")) {
      throw new AwsError(400, "ValidationException", "The parameter doesn't meet the parameter name requirements.");
    }
    if (maxResults < 1 || maxResults > 10) {
      throw new AwsError(400, "ValidationException",
          "1 validation error detected: Value '" + maxResults + "' at 'maxResults' failed to satisfy constraint:"
              + " Member must have value less than or equal to 10");
    }
    if (deniedPaths.contains(path)) {
      throw new AwsError(400, "AccessDeniedException",
          USER + "ssm:GetParametersByPath on resource: arn:aws:ssm:eu-west-1:" + ACCOUNT + ":parameter" + path);
    }
    String below = path.equals("/") ? "/" : path + "/";
    List<String> names = new ArrayList<>();
    for (String name : parameters.keySet()) {
      if (name.startsWith(below) && (recursive || name.indexOf('/', below.length()) < 0)) {
        names.add(name);
      }
    }
    int start = request.field("NextToken").map(n -> Integer.parseInt(untoken(n.asString()))).orElse(0);
    int end = (int) Math.min(names.size(), start + maxResults);
    List<String> page = new ArrayList<>();
    for (String name : names.subList(start, end)) {
      checkDecryption(name, decrypt);
      List<Version> versions = parameters.get(name);
      page.add(parameter(name, versions.get(versions.size() - 1), null, decrypt));
    }
    String next = end < names.size() ? ",\"NextToken\":" + Json.string(token(end)) : "";
    return "{\"Parameters\":[" + String.join(",", page) + "]" + next + "}";
  }

  private synchronized String getParameters(JsonNode request) {
    List<String> names = new ArrayList<>();
    request.field("Names").ifPresent(list -> list.asArray().forEach(n -> names.add(n.asString())));
    boolean decrypt = request.field("WithDecryption").map(JsonNode::asBoolean).orElse(false);
    if (names.isEmpty() || names.size() > 10) {
      throw new AwsError(400, "ValidationException",
          "1 validation error detected: Value at 'names' failed to satisfy constraint: Member must have length less than or equal to 10");
    }
    List<String> found = new ArrayList<>();
    List<String> invalid = new ArrayList<>();
    for (String asked : names) {
      int colon = asked.lastIndexOf(':');
      boolean selected = colon > asked.lastIndexOf('/');
      String name = selected ? asked.substring(0, colon) : asked;
      String selector = selected ? asked.substring(colon + 1) : null;
      List<Version> versions = parameters.get(name);
      Version version = versions == null ? null : selector == null ? versions.get(versions.size() - 1) : select(versions, selector);
      if (version == null) {
        invalid.add(Json.string(asked));
      } else {
        checkDecryption(name, decrypt);
        found.add(parameter(name, version, selector == null ? null : ":" + selector, decrypt));
      }
    }
    return "{\"Parameters\":[" + String.join(",", found) + "],\"InvalidParameters\":[" + String.join(",", invalid) + "]}";
  }

  private synchronized String describeParameters(JsonNode request) {
    if (describeDenied) {
      throw new AwsError(400, "AccessDeniedException", USER + "ssm:DescribeParameters on resource: arn:aws:ssm:eu-west-1:"
          + ACCOUNT + ":*");
    }
    long maxResults = request.field("MaxResults").map(n -> Long.parseLong(n.asNumber())).orElse(50L);
    if (maxResults < 1 || maxResults > 50) {
      throw new AwsError(400, "ValidationException",
          "1 validation error detected: Value '" + maxResults + "' at 'maxResults' failed to satisfy constraint:"
              + " Member must have value less than or equal to 50");
    }
    List<String> names = new ArrayList<>(parameters.keySet());
    for (JsonNode filter : request.field("ParameterFilters").map(JsonNode::asArray).orElse(List.of())) {
      String key = filter.field("Key").map(JsonNode::asString).orElse("");
      String option = filter.field("Option").map(JsonNode::asString).orElse("Equals");
      List<String> values = filter.field("Values").map(v -> v.asArray().stream().map(JsonNode::asString).toList()).orElse(List.of());
      if (values.isEmpty() || values.size() > 50) {
        throw new AwsError(400, "InvalidFilterValue", "The filter value must hold 1 to 50 values.");
      }
      if (key.equals("Path") && (option.equals("Recursive") || option.equals("OneLevel"))) {
        String below = values.get(0).equals("/") ? "/" : values.get(0) + "/";
        names.removeIf(n -> !n.startsWith(below) || option.equals("OneLevel") && n.indexOf('/', below.length()) >= 0);
      } else if (key.equals("Name") && option.equals("Equals")) {
        names.removeIf(n -> !values.contains(n));
      } else {
        throw new AwsError(400, "InvalidFilterOption", "The filter option " + option + " is not valid for the key " + key + ".");
      }
    }
    int start = request.field("NextToken").map(n -> Integer.parseInt(untoken(n.asString()))).orElse(0);
    int end = (int) Math.min(names.size(), start + maxResults);
    List<String> page = new ArrayList<>();
    for (String name : names.subList(start, end)) {
      List<Version> versions = parameters.get(name);
      Version latest = versions.get(versions.size() - 1);
      page.add("{\"Name\":" + Json.string(name) + ",\"ARN\":" + Json.string("arn:aws:ssm:eu-west-1:" + ACCOUNT + ":parameter" + name)
          + ",\"Type\":" + Json.string(latest.type) + ",\"LastModifiedDate\":1.7639E9,\"Version\":" + latest.number
          + ",\"Tier\":\"Standard\",\"DataType\":\"text\"}");
    }
    String next = end < names.size() ? ",\"NextToken\":" + Json.string(token(end)) : "";
    return "{\"Parameters\":[" + String.join(",", page) + "]" + next + "}";
  }

  private void checkDecryption(String name, boolean decrypt) {
    if (decrypt && kmsDenied.contains(name)) {
      throw new AwsError(400, "AccessDeniedException",
          USER + "kms:Decrypt on resource: arn:aws:kms:eu-west-1:" + ACCOUNT + ":key/0c9b1f7e-example because no"
              + " identity-based policy allows the kms:Decrypt action");
    }
  }

  private static Version select(List<Version> versions, String selector) {
    if (selector.chars().allMatch(Character::isDigit)) {
      long number = Long.parseLong(selector);
      return number >= 1 && number <= versions.size() ? versions.get((int) number - 1) : null;
    }
    return versions.stream().filter(v -> v.labels.contains(selector)).findFirst().orElse(null);
  }

  private static String parameter(String name, Version version, String selector, boolean decrypt) {
    String value =
        version.type.equals("SecureString") && !decrypt
            ? "AQICAHh" + Base64.getEncoder().encodeToString(("ciphertext of " + name).getBytes(StandardCharsets.UTF_8))
            : version.value;
    return "{\"Name\":" + Json.string(name) + ",\"Type\":" + Json.string(version.type) + ",\"Value\":" + Json.string(value)
        + ",\"Version\":" + version.number + (selector == null ? "" : ",\"Selector\":" + Json.string(selector))
        + ",\"LastModifiedDate\":1.7639E9,\"ARN\":" + Json.string("arn:aws:ssm:eu-west-1:" + ACCOUNT + ":parameter" + name)
        + ",\"DataType\":\"text\"}";
  }

  private static String token(int index) {
    return Base64.getEncoder().encodeToString(("page-" + index).getBytes(StandardCharsets.UTF_8));
  }

  private static String untoken(String token) {
    return new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8).substring("page-".length());
  }
}
