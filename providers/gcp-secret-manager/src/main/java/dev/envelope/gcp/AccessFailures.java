package dev.envelope.gcp;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import io.grpc.StatusRuntimeException;
import java.util.Set;

/**
 * Words a failed {@code AccessSecretVersion} call for people: what the status means for this
 * secret and what to do about it, with Secret Manager's own code and description. The descriptions
 * name resources and permissions, never a value; a credential is never part of a call's status.
 */
final class AccessFailures {
  /** The role that grants {@code secretmanager.versions.access}. */
  static final String ACCESSOR_ROLE = "roles/secretmanager.secretAccessor";

  /**
   * Codes worth another attempt: the service or the network was briefly unable to answer, or broke
   * off the call (CANCELLED from the other side: the client's own cancelling ends the fetch first).
   */
  static final Set<StatusCode.Code> RETRIED = Set.of(StatusCode.Code.UNAVAILABLE, StatusCode.Code.DEADLINE_EXCEEDED,
      StatusCode.Code.RESOURCE_EXHAUSTED, StatusCode.Code.CANCELLED);

  /**
   * The largest answer read, set on every call: a secret's payload is at most 64 KiB, and the
   * client's default of 4 MiB would be read into memory, and reported as throttling, before failing.
   */
  static final int MAX_MESSAGE_BYTES = 1 << 20;

  // Descriptions are short in practice; this bounds one from a misbehaving proxy.
  private static final int MAX_DESCRIPTION = 300;

  private AccessFailures() {}

  /**
   * Returns what {@code failure} means for {@code read} in {@code project}, reached at {@code
   * endpoint} after {@code attempts} attempts.
   */
  static Outcome describe(SecretRead read, ApiException failure, String project, String endpoint, int attempts) {
    if (tooLarge(failure)) {
      return new Outcome.Failed("Secret Manager (" + endpoint + ") answered with a message larger than "
          + (MAX_MESSAGE_BYTES >> 20) + " MiB, the most this provider reads (a secret's payload is at most 64 KiB);"
          + " the answer is not shown");
    }
    if (malformed(failure)) {
      return new Outcome.Failed("Secret Manager (" + endpoint + ") answered with a message that is not an"
          + " AccessSecretVersionResponse; the answer is not shown");
    }
    StatusCode.Code code = failure.getStatusCode().getCode();
    String description = description(failure);
    String status = "(" + code + ": " + description + ")";
    switch (code) {
      case NOT_FOUND:
        return read.named()
            ? new Outcome.Failed("not found in project " + project + " " + status)
            : new Outcome.Absent();
      case PERMISSION_DENIED:
        return new Outcome.Failed("permission denied " + status + "; grant the caller " + ACCESSOR_ROLE
            + " on the secret or on project " + project);
      case FAILED_PRECONDITION:
        String state =
            description.contains("DESTROYED") ? "destroyed" : description.contains("DISABLED") ? "disabled" : null;
        if (state != null) {
          return new Outcome.Failed("the version is " + state + " " + status
              + (state.equals("disabled") ? "; enable it, or pin another version" : "; pin another version"));
        }
        return new Outcome.Failed("Secret Manager refused the call " + status);
      case UNAUTHENTICATED:
        return new Outcome.Failed("Secret Manager (" + endpoint + ") rejected the credentials " + status
            + "; check Application Default Credentials (GOOGLE_APPLICATION_CREDENTIALS,"
            + " gcloud auth application-default login, or the workload's service account)");
      case CANCELLED:
        return new Outcome.Failed("Secret Manager (" + endpoint + ") broke off the call" + attempts(attempts) + " " + status);
      case UNAVAILABLE:
      case DEADLINE_EXCEEDED:
      case RESOURCE_EXHAUSTED:
        String verb = code == StatusCode.Code.RESOURCE_EXHAUSTED ? "throttled the calls" : "did not answer";
        return new Outcome.Failed("Secret Manager (" + endpoint + ") " + verb + attempts(attempts) + " " + status);
      default:
        return new Outcome.Failed("Secret Manager (" + endpoint + ") refused the call " + status);
    }
  }

  /** Returns whether {@code failure} is worth another attempt: a {@link #RETRIED} code, but never an answer refused as it arrived. */
  static boolean retried(ApiException failure) {
    return RETRIED.contains(failure.getStatusCode().getCode()) && !tooLarge(failure) && !malformed(failure);
  }

  /** Returns whether the client refused an answer over {@link #MAX_MESSAGE_BYTES}: its RESOURCE_EXHAUSTED, not the service's quota. */
  private static boolean tooLarge(ApiException failure) {
    return failure.getStatusCode().getCode() == StatusCode.Code.RESOURCE_EXHAUSTED
        && description(failure).startsWith("gRPC message exceeds maximum size");
  }

  /** Returns whether the client could not parse the answer: its CANCELLED, with the parser's error as the cause. */
  private static boolean malformed(ApiException failure) {
    return failure.getCause() instanceof StatusRuntimeException grpc
        && grpc.getStatus().getCode() == io.grpc.Status.Code.CANCELLED
        && grpc.getStatus().getCause() != null
        && description(failure).equals("Failed to read message");
  }

  private static String attempts(int attempts) {
    return attempts == 1 ? "" : " in " + attempts + " attempts";
  }

  /** Returns the status's description, without gax's "CODE: " prefix and a final period, shortened. */
  private static String description(ApiException failure) {
    Throwable cause = failure.getCause();
    String text =
        cause instanceof StatusRuntimeException grpc && grpc.getStatus().getDescription() != null
            ? grpc.getStatus().getDescription()
            : String.valueOf(failure.getMessage());
    text = text.strip();
    if (text.endsWith(".")) {
      text = text.substring(0, text.length() - 1);
    }
    return text.length() > MAX_DESCRIPTION ? text.substring(0, MAX_DESCRIPTION) + "..." : text;
  }
}
