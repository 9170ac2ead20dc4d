package dev.envelope.aws.common;

import dev.envelope.spi.FetchLimits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.thirdparty.jackson.core.JsonLocation;
import software.amazon.awssdk.thirdparty.jackson.core.JsonProcessingException;

/**
 * Checks every response before the SDK reads it, so that a fetch fails at once, clearly and without
 * quoting the response: a body larger than {@value #MAX_BODY_BYTES} bytes, a successful answer that
 * is not JSON, or a request to wait ({@code Retry-After}) longer than the fetch has left. The SDK would
 * otherwise buffer any body, retry a malformed answer quoting its text, and sleep on any wait.
 */
final class ResponseGuard implements ExecutionInterceptor {
  /**
   * The most bytes a response may hold: a Secrets Manager batch of 20 secrets of the 64 KiB maximum,
   * escaped, stays well below it, a Parameter Store page of 10 far below.
   */
  static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

  private final AwsService service;
  private final AwsDeadline deadline;

  ResponseGuard(AwsService service, AwsDeadline deadline) {
    this.service = service;
    this.deadline = deadline;
  }

  /**
   * Why a response was refused, fit to show people once {@link #SERVICE} is replaced by the service
   * and where it was called; the cause of the {@link SdkClientException} the guard throws, which the
   * SDK does not retry.
   */
  static final class Refused extends RuntimeException {
    static final String SERVICE = "{service}";
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message, null, false, false);
    }

    String describe(String service) {
      return getMessage().replace(SERVICE, service);
    }
  }

  private SdkClientException refused(String message) {
    Refused refused = new Refused(message);
    return SdkClientException.builder().message(refused.describe(service.toString())).cause(refused).build();
  }

  @Override
  public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
    SdkHttpResponse response = context.httpResponse();
    if (!response.isSuccessful()) {
      Duration wait = retryAfter(response);
      Duration left = deadline.remaining();
      if (wait != null && wait.compareTo(left) > 0) {
        throw refused(
            (response.statusCode() >= 500 ? "turned away by " : "throttled by ") + Refused.SERVICE + ": HTTP "
                + response.statusCode() + ", asked to wait " + FetchLimits.format(wait) + ", more than the "
                + FetchLimits.format(left) + " left of this fetch (timeout " + FetchLimits.format(deadline.limits().timeout())
                + "). Load less often, or ask AWS for a higher quota");
      }
    }
    return response;
  }

  @Override
  public Optional<InputStream> modifyHttpResponseContent(
      Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
    Optional<InputStream> content = context.responseBody();
    if (content.isEmpty()) {
      return content;
    }
    byte[] body;
    try {
      // Not closed on failure: closing would drain the rest of a stalled body; the SDK aborts the connection.
      body = content.get().readNBytes(MAX_BODY_BYTES + 1);
      content.get().close();
    } catch (IOException e) {
      // With an IOException as its cause, the SDK retries it as it would its own read failing.
      throw SdkClientException.create("reading the answer of " + service + " failed", e);
    }
    if (body.length > MAX_BODY_BYTES) {
      throw refused(
          Refused.SERVICE + " sent an answer larger than " + MAX_BODY_BYTES / (1024 * 1024) + " MiB (HTTP "
              + context.httpResponse().statusCode() + "), more than any real answer; is the endpoint an AWS endpoint?");
    }
    if (context.httpResponse().isSuccessful() && !blank(body)) {
      String position = malformedAt(body);
      if (position != null) {
        throw refused(
            Refused.SERVICE + " answered HTTP " + context.httpResponse().statusCode() + " with a body that is not valid JSON ("
                + position + "; the body is not shown); is the endpoint an AWS endpoint, or a proxy in between?");
      }
    }
    return Optional.of(new ByteArrayInputStream(body));
  }

  /** Returns where {@code body} stops being JSON, {@code line 1, column 7}, or null if it is JSON. */
  private static String malformedAt(byte[] body) {
    try {
      JsonNode.parser().parse(body);
      return null;
    } catch (RuntimeException e) {
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof JsonProcessingException json && json.getLocation() != null) {
          JsonLocation at = json.getLocation();
          return "at line " + at.getLineNr() + ", column " + at.getColumnNr();
        }
      }
      return "at an unknown position";
    }
  }

  private static boolean blank(byte[] body) {
    for (byte b : body) {
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return false;
      }
    }
    return true;
  }

  /** Returns the wait {@code Retry-After} (seconds) or {@code x-amz-retry-after} (milliseconds) asks for. */
  static Duration retryAfter(SdkHttpResponse response) {
    Optional<String> millis = response.firstMatchingHeader("x-amz-retry-after");
    Optional<String> seconds = response.firstMatchingHeader("Retry-After");
    try {
      if (millis.isPresent()) {
        return Duration.ofMillis(Long.parseLong(millis.get().trim()));
      }
      if (seconds.isPresent()) {
        return Duration.ofSeconds(Long.parseLong(seconds.get().trim()));
      }
    } catch (NumberFormatException e) {
      // An HTTP date or garbage: the SDK ignores it as well, and backs off on its own.
    }
    return null;
  }
}
