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

  /** Codes worth another attempt: the service or the network was briefly unable to answer. */
  static final Set<StatusCode.Code> RETRIED =
      Set.of(StatusCode.Code.UNAVAILABLE, StatusCode.Code.DEADLINE_EXCEEDED, StatusCode.Code.RESOURCE_EXHAUSTED);

  // Descriptions are short in practice; this bounds one from a misbehaving proxy.
  private static final int MAX_DESCRIPTION = 300;

  private AccessFailures() {}

  /**
   * Returns what {@code failure} means for {@code read} in {@code project}, reached at {@code
   * endpoint} after {@code attempts} attempts.
   */
  static Outcome describe(SecretRead read, ApiException failure, String project, String endpoint, int attempts) {
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
      case UNAVAILABLE:
      case DEADLINE_EXCEEDED:
      case RESOURCE_EXHAUSTED:
        String verb = code == StatusCode.Code.RESOURCE_EXHAUSTED ? "throttled the calls" : "did not answer";
        return new Outcome.Failed("Secret Manager (" + endpoint + ") " + verb + attempts(attempts) + " " + status);
      default:
        return new Outcome.Failed("Secret Manager (" + endpoint + ") refused the call " + status);
    }
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
