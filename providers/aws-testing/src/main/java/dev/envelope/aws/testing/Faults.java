package dev.envelope.aws.testing;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The failures a stand-in can serve besides AWS errors: what proxies, gateways and broken networks
 * answer. Faults that hold an exchange open end when the stand-in closes.
 */
public final class Faults {
  private Faults() {}

  /** Answers with an AWS error. */
  public static AwsStandIn.Fault error(int status, String code, String message) {
    return (exchange, closed) -> AwsStandIn.error(exchange, status, code, message);
  }

  /** Answers with an AWS throttling error asking to wait {@code seconds} ({@code Retry-After}). */
  public static AwsStandIn.Fault throttled(int status, long seconds) {
    return (exchange, closed) -> {
      exchange.getResponseHeaders().add("Retry-After", String.valueOf(seconds));
      AwsStandIn.error(exchange, status, "ThrottlingException", "Rate exceeded");
    };
  }

  /** Answers with {@code status}, {@code headers} and {@code body} as they are: not an AWS answer. */
  public static AwsStandIn.Fault raw(int status, Map<String, String> headers, String body) {
    return (exchange, closed) -> {
      headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        exchange.getResponseBody().write(bytes);
      }
    };
  }

  /** Answers 200 with a JSON body of {@code bytes} bytes: a string padded to that size. */
  public static AwsStandIn.Fault hugeBody(int bytes) {
    return (exchange, closed) -> {
      exchange.getResponseHeaders().add("Content-Type", AwsStandIn.JSON_1_1);
      exchange.sendResponseHeaders(200, bytes);
      OutputStream out = exchange.getResponseBody();
      byte[] chunk = new byte[8192];
      java.util.Arrays.fill(chunk, (byte) ' ');
      out.write('{');
      for (int written = 1; written < bytes - 1; written += chunk.length) {
        out.write(chunk, 0, Math.min(chunk.length, bytes - 1 - written));
      }
      out.write('}');
    };
  }

  /** Sends the headers of a 200 and one byte of the body, then nothing until the stand-in closes. */
  public static AwsStandIn.Fault stallAfterHeaders() {
    return (exchange, closed) -> {
      exchange.getResponseHeaders().add("Content-Type", AwsStandIn.JSON_1_1);
      exchange.sendResponseHeaders(200, 1000);
      exchange.getResponseBody().write('{');
      exchange.getResponseBody().flush();
      awaitQuietly(closed, 120_000);
    };
  }

  /** Sends the headers of a 200, then one byte of the body every {@code intervalMillis}, never finishing. */
  public static AwsStandIn.Fault trickle(long intervalMillis) {
    return (exchange, closed) -> {
      exchange.getResponseHeaders().add("Content-Type", AwsStandIn.JSON_1_1);
      exchange.sendResponseHeaders(200, 1_000_000);
      OutputStream out = exchange.getResponseBody();
      out.write('{');
      while (!awaitQuietly(closed, intervalMillis)) {
        out.write(' ');
        out.flush();
      }
    };
  }

  private static boolean awaitQuietly(java.util.concurrent.CountDownLatch latch, long millis) {
    try {
      return latch.await(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }
}
