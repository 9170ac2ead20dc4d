package dev.envelope.azure;

import com.azure.core.exception.HttpResponseException;
import com.azure.identity.CredentialUnavailableException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * Words a failed request to Key Vault for people: what went wrong (the identity, its permission, the
 * service, the network), Key Vault's own error code and explanation, and what to do. Never a token
 * or a value: error bodies hold neither, and the body of a successful answer is never quoted.
 */
final class KeyVaultFailures {
  /** The built-in Azure role that lets an identity read secret values. */
  static final String READER_ROLE = "Key Vault Secrets User";

  private KeyVaultFailures() {}

  /** Returns whether a request that failed with HTTP {@code status} is worth another attempt. */
  static boolean retryable(int status) {
    return status == 408 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
  }

  /** Returns whether {@code failure} is a network failure or a time-out, worth another attempt. */
  static boolean transientIo(Throwable failure) {
    return networkCause(failure) != null;
  }

  /**
   * Returns the JDK's network exception or time-out in {@code failure}'s causes, or {@code null}. A
   * parser's {@code IOException} (from the SDK's JSON reader) is not one: its message may quote the
   * answer, and retrying would read the same answer again.
   */
  private static Throwable networkCause(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      String type = cause.getClass().getName();
      if (cause instanceof TimeoutException || cause instanceof IOException && (type.startsWith("java.") || type.startsWith("javax."))) {
        return cause;
      }
    }
    return null;
  }

  /**
   * Returns why reading {@code what} (a secret's name, or "the list of secrets") from {@code vault}
   * failed with {@code failure}, after {@code attempts} attempts. Failures of the whole vault (the
   * identity, its token, throttling, the service, the network) do not name the secret, so that the
   * reads that failed alike are reported once.
   */
  static String describe(Throwable failure, Vault vault, String what, String identity, int attempts) {
    String tries = attempts < 2 ? "" : " after " + attempts + " attempts";
    String where = "Key Vault " + vault.name();
    if (failure instanceof CredentialUnavailableException) {
      return "no Azure identity is available to read " + where + " (" + identity + "): "
          + firstLine(failure.getMessage())
          + ". On Azure, give the app a managed or workload identity; elsewhere set AZURE_TENANT_ID,"
          + " AZURE_CLIENT_ID and AZURE_CLIENT_SECRET, or sign in with az login";
    }
    if (failure instanceof HttpResponseException http && http.getResponse() == null) {
      // Raised by the credential before any request reached the vault.
      return "the identity (" + identity + ") could not get a token for " + where + ": " + firstLine(failure.getMessage());
    }
    if (causedBy(failure, KeyVaultHttpClient.BodyTooLarge.class)) {
      return where + " answered the read of " + what + " with a body larger than " + (KeyVaultHttpClient.MAX_BODY_BYTES >> 20)
          + " MiB, the most this provider reads (the answer is not shown): is " + vault.url() + " a Key Vault?";
    }
    if (failure instanceof HttpResponseException http && http.getResponse() != null && http.getResponse().getStatusCode() / 100 == 3) {
      return where + " answered " + http.getResponse().getStatusCode() + " for " + what + ", redirecting to "
          + origin(http.getResponse().getHeaderValue("Location")) + ": a redirect is not followed, so that the token and"
          + " the secrets stay with the vault's host; check the vault URL";
    }
    if (failure instanceof HttpResponseException http) {
      ServiceError error = ServiceError.of(http);
      int status = error.status();
      if (status == 401) {
        return where + " rejected the token of the identity (" + identity + ") (" + error.describe()
            + "): check that the identity belongs to the vault's tenant and that its token is for Key Vault";
      }
      if (status == 403 && error.innerCode().equals("SecretDisabled")) {
        return "secret " + what + " is disabled in " + where + " (" + error.describe() + "): enable its current"
            + " version, or pin an enabled version for this variable";
      }
      if (status == 403 && error.innerCode().equals("ForbiddenByFirewall")) {
        return where + " refused this network address (" + error.describe() + "): allow it in the vault's"
            + " networking settings, or reach the vault through a private endpoint";
      }
      if (status == 403) {
        return "the identity (" + identity + ") may not read " + what + " in " + where + " (" + error.describe()
            + "): assign it the role " + READER_ROLE + " on the vault (Azure RBAC), or, in a vault that uses access"
            + " policies, allow it to get and list secrets";
      }
      if (status == 429) {
        return where + " throttled the requests" + tries + " (" + error.describe()
            + "): load less often, or read fewer secrets at once (maxConcurrency)";
      }
      if (status >= 500 || retryable(status)) {
        return where + " failed to answer" + tries + " (" + error.describe() + ")";
      }
      return where + " refused the request for " + what + " (" + error.describe() + ")";
    }
    Throwable io = networkCause(failure);
    if (io != null) {
      String message = io.getMessage() == null ? "" : ": " + firstLine(io.getMessage());
      return "could not reach " + where + " (" + vault.url() + ")" + tries + ": "
          + io.getClass().getSimpleName() + message;
    }
    String message = String.valueOf(failure.getMessage());
    if (message.startsWith("The challenge resource '")) {
      int end = message.indexOf('\'', "The challenge resource '".length());
      String resource = end < 0 ? "" : " '" + message.substring("The challenge resource '".length(), end) + "'";
      return where + " answered with an authentication challenge for the resource" + resource + ", whose domain is not"
          + " the vault's host, so no token was sent; for a vault behind a host name of your own, call"
          + " disableChallengeResourceVerification() on the builder (or add ?disableChallengeResourceVerification to the URI)";
    }
    if (malformed(failure)) {
      return where + " answered the read of " + what + tries + " with a body that is not Key Vault's JSON (the"
          + " answer is not shown): is " + vault.url() + " a Key Vault?";
    }
    // Anything else (a bug) is named by its type only: its message could quote the body of an
    // answer, which holds a value.
    return "reading " + what + " from " + where + " failed" + tries + ": " + failure.getClass().getName();
  }

  private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return true;
      }
    }
    return false;
  }

  /** Returns whether {@code failure} is the SDK's JSON reader refusing an answer: an I/O error not of the JDK's. */
  private static boolean malformed(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof IOException && !cause.getClass().getName().startsWith("java")) {
        return true;
      }
    }
    return false;
  }

  /** Returns the scheme, host and port of a redirect's target, never its path or query. */
  private static String origin(String location) {
    if (location == null) {
      return "nowhere (no Location header)";
    }
    try {
      java.net.URI uri = new java.net.URI(location.strip());
      return uri.getHost() == null ? "a relative location" : uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    } catch (java.net.URISyntaxException e) {
      return "a location that is not a URI";
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    String line = message.strip();
    int end = line.indexOf('\n');
    line = end < 0 ? line : line.substring(0, end).strip();
    if (line.endsWith(".")) {
      line = line.substring(0, line.length() - 1);
    }
    return line.length() > 600 ? line.substring(0, 600) + "…" : line;
  }
}
