package dev.envelope.benchmarks.fleet;

import dev.envelope.aws.testing.AwsStandIn;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * Secrets Manager's {@code BatchGetSecretValue} on the shared AWS stand-in (JSON 1.1, SigV4 checked),
 * with a request-rate limit: a token bucket of {@code perSecond} requests a second (as deep), past
 * which it answers AWS's {@code ThrottlingException} (400, "Rate exceeded"), which the SDK retries.
 */
final class ThrottledSecretsManager implements AutoCloseable {
  static final String SECRET = "fleet-aws-secret-value-0123456789";

  private final AwsStandIn server;
  private final double perSecond;
  private final AtomicInteger throttled = new AtomicInteger();
  private double tokens;
  private long last = System.nanoTime();

  ThrottledSecretsManager(double perSecond) throws IOException {
    this.perSecond = perSecond;
    this.tokens = perSecond;
    server = new AwsStandIn("secretsmanager", "secretsmanager.").on("BatchGetSecretValue", this::batch);
  }

  URI endpoint() {
    return server.endpoint();
  }

  long requests() {
    return server.calls("BatchGetSecretValue");
  }

  int throttled() {
    return throttled.get();
  }

  private String batch(JsonNode request) {
    if (!take()) {
      throttled.incrementAndGet();
      throw new AwsStandIn.AwsError(400, "ThrottlingException", "Rate exceeded");
    }
    StringBuilder values = new StringBuilder();
    for (JsonNode id : request.field("SecretIdList").orElseThrow().asArray()) {
      String name = id.asString();
      values.append(values.length() == 0 ? "" : ",")
          .append("{\"ARN\":\"arn:aws:secretsmanager:eu-west-1:123456789012:secret:").append(name).append("-AbCdEf\",")
          .append("\"Name\":\"").append(name).append("\",\"SecretString\":\"").append(SECRET)
          .append("\",\"VersionId\":\"v1\",\"VersionStages\":[\"AWSCURRENT\"],\"CreatedDate\":1.7E9}");
    }
    return "{\"SecretValues\":[" + values + "],\"Errors\":[]}";
  }

  private synchronized boolean take() {
    long now = System.nanoTime();
    tokens = Math.min(perSecond, tokens + (now - last) / 1e9 * perSecond);
    last = now;
    if (tokens < 1) {
      return false;
    }
    tokens--;
    return true;
  }

  @Override
  public void close() {
    server.close();
  }
}
