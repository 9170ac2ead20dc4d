package dev.envelope.gcp;

import com.google.api.core.ApiFuture;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.api.gax.rpc.UnaryCallable;
import com.google.cloud.secretmanager.v1.GetSecretVersionRequest;
import com.google.cloud.secretmanager.v1.SecretVersion;
import dev.envelope.spi.FetchLimits;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Tells which version each read resolves to now, without its payload: {@code GetSecretVersion} on
 * {@code versions/latest} (or an alias) returns the version's name, with its number, and its state.
 * A read pinned to a version number needs no call: a version's payload never changes.
 *
 * <p>{@code GetSecretVersion} is not an access operation: Secret Manager neither bills it as one nor
 * sends the payload. It needs {@code secretmanager.versions.get} (in {@code
 * roles/secretmanager.viewer}, not in {@code secretAccessor}). Best effort: each call is one attempt,
 * and any failure other than {@code NOT_FOUND} ends the check, so that the fetch reads the payloads
 * with its retries and its own words for what went wrong. Not thread-safe: one per fetch.
 */
final class VersionCheck {
  private final UnaryCallable<GetSecretVersionRequest, SecretVersion> get;
  private final String project;
  private final FetchLimits limits;
  private final long deadline;
  private boolean denied;

  VersionCheck(UnaryCallable<GetSecretVersionRequest, SecretVersion> get, String project, FetchLimits limits, long deadline) {
    this.get = get;
    this.project = project;
    this.limits = limits;
    this.deadline = deadline;
  }

  /** Returns one state per read, as {@link #state(Outcome)} words it, or null when the check could not tell. */
  List<String> states(List<SecretRead> reads) throws InterruptedException {
    List<String> states = new ArrayList<>(reads.size());
    for (SecretRead read : reads) {
      if (Character.isDigit(read.version().charAt(0))) {
        states.add(read.version());
        continue;
      }
      String state = describe(read);
      if (state == null) {
        return null;
      }
      states.add(state);
    }
    return states;
  }

  /** Returns whether {@code GetSecretVersion} was denied. */
  boolean denied() {
    return denied;
  }

  private String describe(SecretRead read) throws InterruptedException {
    Duration left = FetchLimits.remaining(deadline);
    Duration timeout = left.compareTo(limits.attemptTimeout()) < 0 ? left : limits.attemptTimeout();
    if (timeout.isZero()) {
      return null;
    }
    ApiFuture<SecretVersion> call =
        get.futureCall(GetSecretVersionRequest.newBuilder().setName(read.resource(project)).build(), SecretAccessor.singleAttempt(timeout));
    try {
      SecretVersion version = call.get(timeout.toNanos() + TimeUnit.SECONDS.toNanos(1), TimeUnit.NANOSECONDS);
      if (version.getState() != SecretVersion.State.ENABLED) {
        return version.getState().name();
      }
      String name = version.getName();
      return name.substring(name.lastIndexOf('/') + 1);
    } catch (InterruptedException e) {
      call.cancel(true);
      throw e;
    } catch (TimeoutException e) {
      call.cancel(true);
      return null;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ApiException api) {
        if (api.getStatusCode().getCode() == StatusCode.Code.NOT_FOUND) {
          return "absent";
        }
        denied = api.getStatusCode().getCode() == StatusCode.Code.PERMISSION_DENIED;
      }
      return null;
    }
  }

  /** Returns how a read's outcome shows in the version token: the version number, {@code absent}, or null. */
  static String state(Outcome outcome) {
    if (outcome instanceof Outcome.Accessed accessed) {
      return accessed.version();
    }
    return outcome instanceof Outcome.Absent ? "absent" : null;
  }

  /** Returns the snapshot version for {@code states} of {@code reads} at {@code endpoint}: a digest, never a payload. */
  static String token(String endpoint, String project, List<SecretRead> reads, List<String> states) {
    StringBuilder identity = new StringBuilder(endpoint).append('\n').append(project);
    for (int i = 0; i < reads.size(); i++) {
      identity.append('\n').append(reads.get(i).resource(project)).append('\t').append(states.get(i));
    }
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return "gsm-versions/" + HexFormat.of().formatHex(sha256.digest(identity.toString().getBytes(StandardCharsets.UTF_8)), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
  }
}
