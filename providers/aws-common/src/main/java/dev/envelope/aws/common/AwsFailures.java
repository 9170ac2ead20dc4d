package dev.envelope.aws.common;

import dev.envelope.spi.FetchLimits;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Describes a failed call to an AWS service for people: what went wrong (credentials, throttling, a
 * proxy or gateway in between, the network, a time limit, the service), the service's own error code
 * and message where it sent them, and how many attempts were made. Never a credential, and never the
 * text of a response that is not an AWS error: that may be anything, a secret included. Internal to
 * Envelope's AWS modules.
 */
public final class AwsFailures {
  /** Error codes with which AWS rejects the caller's identity or signature. */
  private static final Set<String> CREDENTIAL_ERRORS =
      Set.of(
          "UnrecognizedClientException",
          "InvalidSignatureException",
          "IncompleteSignatureException",
          "SignatureDoesNotMatch",
          "InvalidClientTokenId",
          "ExpiredTokenException",
          "MissingAuthenticationTokenException");

  private AwsFailures() {}

  /**
   * Returns a message for {@code failure}, a call to {@code service} at {@code where} (a region and
   * endpoint) within {@code deadline}.
   */
  public static String describe(SdkException failure, AwsService service, String where, AwsDeadline deadline) {
    String at = service + " (" + where + ")";
    String attempts = attempts(failure);
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ResponseGuard.Refused refused) {
        return refused.describe(at);
      }
    }
    String code = errorCode(failure);
    if (failure instanceof AwsServiceException answer && code != null) {
      String message = answer.awsErrorDetails().errorMessage();
      String detail = code + " (HTTP " + answer.statusCode() + ")" + (message == null ? "" : ": " + withoutFinalPeriod(message));
      if (CREDENTIAL_ERRORS.contains(code)) {
        return at + " rejected the AWS credentials: " + detail
            + ". Check the access key and secret key (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,"
            + " AWS_PROFILE or the role) and the region";
      }
      if (answer.isThrottlingException()) {
        return "throttled by " + at + attempts + ": " + detail + ". Load less often, or ask AWS for a higher quota";
      }
      if (answer.statusCode() >= 500) {
        return at + " failed" + attempts + ": " + detail;
      }
      return at + " refused the call: " + detail;
    }
    if (failure instanceof AwsServiceException answer) {
      return withoutErrorCode(answer, at, attempts);
    }
    if (failure instanceof ApiCallAttemptTimeoutException || causedBy(failure, SocketTimeoutException.class)) {
      return at + " did not answer in time" + attempts + ": each attempt may take "
          + FetchLimits.format(deadline.limits().attemptTimeout()) + " (attemptTimeout), body included";
    }
    if (failure instanceof ApiCallTimeoutException) {
      return at + " did not answer in time" + attempts + ": the fetch may take "
          + FetchLimits.format(deadline.limits().timeout()) + " in all (timeout), retries and waits included";
    }
    String message = String.valueOf(failure.getMessage());
    if (message.startsWith("Unable to load credentials")) {
      return "no AWS credentials found for " + at + ": " + message;
    }
    for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof IOException) {
        return "could not reach " + at + attempts + ": " + cause.getClass().getSimpleName() + ": " + cause.getMessage();
      }
    }
    return "the call to " + at + " failed" + attempts + ": " + failure.getClass().getSimpleName();
  }

  private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return true;
      }
    }
    return false;
  }

  /** Returns the AWS error code of {@code failure}, or null if it has none (not an AWS answer). */
  public static String errorCode(SdkException failure) {
    if (failure instanceof AwsServiceException service) {
      AwsErrorDetails details = service.awsErrorDetails();
      if (details != null && details.errorCode() != null && !details.errorCode().isBlank()) {
        return details.errorCode();
      }
    }
    return null;
  }

  /**
   * Describes an error answer without an AWS error code, which came from something other than the
   * service (a proxy, a gateway, a captive portal): by its status and content type only.
   */
  private static String withoutErrorCode(AwsServiceException failure, String at, String attempts) {
    int status = failure.statusCode();
    Optional<SdkHttpResponse> response =
        Optional.ofNullable(failure.awsErrorDetails()).map(AwsErrorDetails::sdkHttpResponse);
    String type = response.flatMap(r -> r.firstMatchingHeader("Content-Type")).map(t -> ", " + t.split(";")[0].strip()).orElse("");
    String answered = at + " answered HTTP " + status + type + " without an AWS error code";
    if (status >= 300 && status < 400) {
      String to = response.flatMap(r -> r.firstMatchingHeader("Location")).map(AwsFailures::hostOf).orElse("");
      return answered + ": a redirect" + (to.isEmpty() ? "" : " to " + to) + ", which Envelope does not follow;"
          + " check the endpoint and region";
    }
    if (status == 407) {
      return answered + ": a proxy in between asks for authentication; configure the proxy, or bypass it for AWS";
    }
    if (status == 401 || status == 403) {
      return answered + ": refused as unauthorised, probably by a proxy or gateway in between; check the endpoint";
    }
    if (status >= 500) {
      return answered + attempts + ": probably from a proxy, gateway or load balancer in between";
    }
    return answered + "; is the endpoint an AWS endpoint?";
  }

  private static String hostOf(String location) {
    try {
      URI uri = URI.create(location.strip());
      // Only where it points: a query may hold a token.
      return uri.getHost() == null ? "" : uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  private static String withoutFinalPeriod(String message) {
    String text = message.strip();
    return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
  }

  private static String attempts(SdkException failure) {
    Integer attempts = failure.numAttempts();
    return attempts == null || attempts < 2 ? "" : " after " + attempts + " attempts";
  }
}
