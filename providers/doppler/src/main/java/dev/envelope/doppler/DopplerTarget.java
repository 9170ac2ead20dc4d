package dev.envelope.doppler;

import dev.envelope.spi.CredentialMask;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * What one fetch talks to: the API host, the token, and the project and config if named. Resolved
 * per fetch from the builder and the request's settings. {@link #toString()} never shows the token.
 */
final class DopplerTarget {
  private static final Pattern TOKEN_KIND = Pattern.compile("^(dp\\.[a-z]{2,8}\\.)");

  private final HttpUrl apiHost;
  private final String token;
  private final String project;
  private final String config;

  DopplerTarget(HttpUrl apiHost, String token, String project, String config) {
    this.apiHost = apiHost;
    this.token = token;
    this.project = project;
    this.config = config;
  }

  HttpUrl apiHost() {
    return apiHost;
  }

  String token() {
    return token;
  }

  /** Returns the project named by the builder or settings, or null when the token decides. */
  String project() {
    return project;
  }

  /** Returns the config named by the builder or settings, or null when the token decides. */
  String config() {
    return config;
  }

  /** Returns the download URL: one request for the whole config. */
  HttpUrl downloadUrl() {
    HttpUrl.Builder url =
        apiHost.newBuilder()
            .addPathSegments("v3/configs/config/secrets/download")
            .addQueryParameter("format", "json");
    if (project != null) {
      url.addQueryParameter("project", project);
    }
    if (config != null) {
      url.addQueryParameter("config", config);
    }
    return url.build();
  }

  /**
   * Returns how people can tell which token this is without seeing it: its kind prefix, such as
   * {@code dp.st.…} for a service token.
   */
  String tokenKind() {
    Matcher kind = TOKEN_KIND.matcher(token);
    return kind.find() ? kind.group(1) + "…" : "(token of unknown kind)";
  }

  /** Returns {@code api/prd}, or a phrase for the config the token itself is scoped to. */
  String configLabel() {
    if (project != null && config != null) {
      return project + "/" + config;
    }
    if (config != null) {
      return "config " + config;
    }
    if (project != null) {
      return "project " + project;
    }
    return "the token's config";
  }

  /**
   * Returns the fallback file's passphrase the way the Doppler CLI computes its default, so that
   * {@code doppler run --fallback FILE} with the same token, project and config can read the file.
   */
  String fallbackPassphrase() {
    if (project != null && config != null) {
      return token + ":" + project + ":" + config;
    }
    return token;
  }

  /**
   * Returns the snapshot version for Doppler's {@code etag}: the ETag behind a digest of host,
   * project, config and token, so that a snapshot of another target (the settings changed between
   * two refreshes) is never sent as this one's {@code If-None-Match}. The digest is cut to 64 bits
   * of SHA-256 and is no more a secret than the CLI's fallback file name, a full SHA-256 of the
   * token.
   */
  String version(String etag) {
    return "doppler/" + fingerprint() + "/" + etag;
  }

  /** Returns the ETag held in {@code version} if {@link #version} made it for this target, else null. */
  String etagOf(String version) {
    String prefix = "doppler/" + fingerprint() + "/";
    return version.startsWith(prefix) && version.length() > prefix.length() ? version.substring(prefix.length()) : null;
  }

  private String fingerprint() {
    String identity = apiHost + "\n" + project + "\n" + config + "\n" + token;
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(identity.getBytes(StandardCharsets.UTF_8)), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
  }

  /**
   * Replaces the token, or any fragment of it of {@value CredentialMask#MIN_FRAGMENT} characters or
   * more, wherever a server or library echoes it, with its kind.
   */
  String redact(String text) {
    return CredentialMask.mask(text, token, tokenKind());
  }

  @Override
  public String toString() {
    return "DopplerTarget[" + apiHost + ", " + configLabel() + ", token " + tokenKind() + "]";
  }
}
