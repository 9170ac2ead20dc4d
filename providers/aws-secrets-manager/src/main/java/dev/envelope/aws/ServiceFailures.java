package dev.envelope.aws;

import java.io.IOException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Describes a failed call to Secrets Manager for people: what went wrong (credentials, throttling,
 * the network, the service), the service's own error code and message, and how many attempts were
 * made. Never a credential: the SDK's messages name settings, not their values.
 */
final class ServiceFailures {
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

  private ServiceFailures() {}

  /** Returns a message for {@code failure}, a call to Secrets Manager at {@code where}. */
  static String describe(SdkException failure, String where) {
    String attempts = attempts(failure);
    if (failure instanceof AwsServiceException service && service.awsErrorDetails() != null) {
      String code = service.awsErrorDetails().errorCode();
      String detail = code + " (HTTP " + service.statusCode() + "): " + withoutFinalPeriod(service.awsErrorDetails().errorMessage());
      if (CREDENTIAL_ERRORS.contains(code)) {
        return "Secrets Manager (" + where + ") rejected the AWS credentials: " + detail
            + ". Check the access key and secret key (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,"
            + " AWS_PROFILE or the role) and the region";
      }
      if (service.isThrottlingException()) {
        return "Secrets Manager (" + where + ") throttled the requests" + attempts + ": " + detail
            + ". Load less often, or ask AWS for a higher quota";
      }
      if (service.statusCode() >= 500) {
        return "Secrets Manager (" + where + ") failed" + attempts + ": " + detail;
      }
      return "Secrets Manager (" + where + ") refused the call: " + detail;
    }
    String message = String.valueOf(failure.getMessage());
    if (message.startsWith("Unable to load credentials")) {
      return "no AWS credentials found for Secrets Manager (" + where + "): " + message;
    }
    for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof IOException) {
        return "could not reach Secrets Manager (" + where + ")" + attempts + ": "
            + cause.getClass().getSimpleName() + ": " + cause.getMessage();
      }
    }
    return "the call to Secrets Manager (" + where + ") failed" + attempts + ": " + message;
  }

  private static String withoutFinalPeriod(String message) {
    String text = String.valueOf(message).strip();
    return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
  }

  private static String attempts(SdkException failure) {
    Integer attempts = failure.numAttempts();
    return attempts == null || attempts < 2 ? "" : " after " + attempts + " attempts";
  }
}
