package dev.envelope.kubernetes;

import dev.envelope.spi.EnvProvider;
import dev.envelope.spi.FetchLimits;
import dev.envelope.spi.ProviderException;
import dev.envelope.spi.ProviderRequest;
import dev.envelope.spi.ProviderSnapshot;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Reads one named Kubernetes Secret through the API server, as a pod does with its service account:
 * {@code GET /api/v1/namespaces/{namespace}/secrets/{name}}. Each key of the Secret's {@code data},
 * mapped by a {@link KeyMapping} and prefixed, is one variable, with the origin {@code k8s-secret
 * prod/app#db-password (resourceVersion 4711)}.
 *
 * <p>Inside a pod it needs no configuration: the token, the cluster CA and the namespace come from
 * {@code /var/run/secrets/kubernetes.io/serviceaccount/}, the server from the settings {@code
 * KUBERNETES_SERVICE_HOST} and {@code KUBERNETES_SERVICE_PORT}. The token is read again at every
 * fetch, so a rotated token is used as soon as the kubelet writes it. Values are decoded as the
 * mounted volume's are: UTF-8, one trailing newline trimmed by default.
 *
 * <p>Each fetch is bounded by {@link FetchLimits} (body included), reads at most {@value
 * SecretApiCall#MAX_BODY_BYTES} bytes, never follows a redirect, and stops its request when the
 * load interrupts it. One HTTP client serves the provider's whole life.
 *
 * <p>The service account needs {@code get} on the Secret. Instances are immutable and thread-safe;
 * builders are not.
 */
public final class KubernetesSecretProvider implements EnvProvider {
  /** Where Kubernetes mounts the pod's service-account token, CA and namespace. */
  public static final Path SERVICE_ACCOUNT = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

  // DNS-1123 subdomain (Secret names) and label (namespaces): safe in a URL path without escaping.
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
  static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  private final String secretName;
  private final String namespace;
  private final Path tokenFile;
  private final Path caFile;
  private final Path namespaceFile;
  private final URI apiServer;
  private final KeyMapping keyMapping;
  private final String prefix;
  private final boolean trimTrailingNewline;
  private final FetchLimits limits;
  private final Duration backoff;
  private final ApiClient client;

  private KubernetesSecretProvider(Builder builder) {
    this.secretName = builder.secretName;
    this.namespace = builder.namespace;
    this.tokenFile = builder.tokenFile != null ? builder.tokenFile : builder.serviceAccount.resolve("token");
    this.caFile = builder.serviceAccount.resolve("ca.crt");
    this.namespaceFile = builder.serviceAccount.resolve("namespace");
    this.apiServer = builder.apiServer;
    this.keyMapping = builder.keyMapping;
    this.prefix = builder.prefix;
    this.trimTrailingNewline = builder.trimTrailingNewline;
    this.limits = builder.limits;
    this.backoff = builder.backoff;
    this.client = new ApiClient(caFile, limits.attemptTimeout());
  }

  /**
   * Returns a builder for the Secret {@code name}, in the pod's own namespace unless {@linkplain
   * Builder#namespace set}.
   *
   * @throws IllegalArgumentException if {@code name} is not a valid Secret name
   */
  public static Builder builder(String name) {
    return new Builder(checked(name, NAME, "Secret name"));
  }

  static String checked(String value, Pattern pattern, String what) {
    Objects.requireNonNull(value, what);
    if (!pattern.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "'" + value + "' is not a valid Kubernetes " + what + " (lower-case letters, digits and '-')");
    }
    return value;
  }

  /** Returns {@code k8s-secret} and the Secret, for example {@code k8s-secret prod/app}. */
  @Override
  public String name() {
    return "k8s-secret " + (namespace == null ? "" : namespace + "/") + secretName;
  }

  /**
   * Returns one entry per key of the Secret's {@code data}.
   *
   * @throws ProviderException if the token, CA or namespace cannot be read, the API refuses (401,
   *     403, 404: the message quotes the API's), cannot be reached, or a value is not usable
   */
  @Override
  public ProviderSnapshot fetch(ProviderRequest request) throws ProviderException, InterruptedException {
    String resolvedNamespace = namespace != null ? namespace : InCluster.namespace(namespaceFile, secretName);
    String secret = "Secret " + resolvedNamespace + "/" + secretName;
    URI server = apiServer != null ? apiServer : InCluster.apiServer(request);
    String base = server.toString().replaceAll("/+$", "");
    URI uri = URI.create(base + "/api/v1/namespaces/" + resolvedNamespace + "/secrets/" + secretName);
    String token = InCluster.token(tokenFile);
    SecretJson.ApiObject object =
        new SecretApiCall(client.forServer(server), uri, token, secret, limits, backoff).get();

    String origin = "k8s-secret " + resolvedNamespace + "/" + secretName + "#";
    String version =
        object.resourceVersion().isEmpty() ? "" : " (resourceVersion " + object.resourceVersion() + ")";
    KeyedEntries entries = new KeyedEntries(keyMapping, prefix, trimTrailingNewline);
    for (Map.Entry<String, String> data : object.data().entrySet()) {
      String key = data.getKey();
      byte[] bytes;
      try {
        bytes = Base64.getDecoder().decode(data.getValue());
      } catch (IllegalArgumentException e) {
        throw new ProviderException("key '" + key + "' of " + secret + " is not valid base64", e);
      }
      entries.add(key, bytes, "key '" + key + "' of " + secret, origin + key + version);
    }
    ProviderSnapshot.Builder snapshot = ProviderSnapshot.builder();
    for (ProviderSnapshot.Entry entry : entries.entries()) {
      snapshot.put(entry.name(), entry.value(), entry.origin());
    }
    return snapshot.build();
  }

  /** Returns the provider's name and limits; never the token or a value. */
  @Override
  public String toString() {
    return "KubernetesSecretProvider[" + name() + ", " + limits + "]";
  }

  /** Configures a {@link KubernetesSecretProvider}. Not thread-safe. */
  public static final class Builder {
    private final String secretName;
    private String namespace;
    private Path serviceAccount = SERVICE_ACCOUNT;
    private Path tokenFile;
    private URI apiServer;
    private KeyMapping keyMapping = KeyMapping.ENVIRONMENT_STYLE;
    private String prefix = "";
    private boolean trimTrailingNewline = true;
    private FetchLimits limits = FetchLimits.DEFAULT;
    private Duration backoff = Duration.ofMillis(200);

    private Builder(String secretName) {
      this.secretName = secretName;
    }

    /**
     * Sets the Secret's namespace; by default the pod's own, read from the service account's {@code
     * namespace} file.
     *
     * @throws IllegalArgumentException if it is not a valid namespace name
     */
    public Builder namespace(String namespace) {
      this.namespace = checked(namespace, NAMESPACE, "namespace");
      return this;
    }

    /**
     * Sets the directory holding {@code token}, {@code ca.crt} and {@code namespace}; default {@link
     * #SERVICE_ACCOUNT}.
     */
    public Builder serviceAccountDirectory(Path directory) {
      this.serviceAccount = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /**
     * Sets the token file, for a projected token mounted elsewhere; default {@code token} in the
     * service-account directory.
     */
    public Builder tokenFile(Path tokenFile) {
      this.tokenFile = Objects.requireNonNull(tokenFile, "tokenFile");
      return this;
    }

    /**
     * Sets the API server's base URL, for example {@code https://10.96.0.1:443}; by default built from
     * {@code KUBERNETES_SERVICE_HOST} and {@code KUBERNETES_SERVICE_PORT}. An {@code https} server must
     * present a certificate signed by the service account's {@code ca.crt}. Plain {@code http} sends
     * the token unencrypted: use it only on loopback, for example through {@code kubectl proxy}.
     */
    public Builder apiServer(URI apiServer) {
      this.apiServer = Objects.requireNonNull(apiServer, "apiServer");
      return this;
    }

    /** Sets how the Secret's keys become variable names; default {@link KeyMapping#ENVIRONMENT_STYLE}. */
    public Builder keyMapping(KeyMapping keyMapping) {
      this.keyMapping = Objects.requireNonNull(keyMapping, "keyMapping");
      return this;
    }

    /** Sets a prefix put before every mapped name, for example {@code APP_}; none by default. */
    public Builder prefix(String prefix) {
      this.prefix = Objects.requireNonNull(prefix, "prefix");
      return this;
    }

    /** Sets whether one trailing newline is removed from each value; on by default. */
    public Builder trimTrailingNewline(boolean trim) {
      this.trimTrailingNewline = trim;
      return this;
    }

    /**
     * Sets how many attempts a fetch makes, how long each may take (body included) and how long the
     * whole fetch may take; default {@link FetchLimits#DEFAULT} (3 attempts of at most 10 s, 25 s in
     * all). Attempts are retried when the server is unreachable, too slow, or answers 429 or 5xx;
     * refusals (401, 403, 404) and redirects never are.
     */
    public Builder limits(FetchLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /** Sets how many attempts a fetch makes, the first included; see {@link #limits}. */
    public Builder maxAttempts(int maxAttempts) {
      this.limits = limits.withMaxAttempts(maxAttempts);
      return this;
    }

    /** Sets how long one attempt may take, from connecting to the last byte; see {@link #limits}. */
    public Builder attemptTimeout(Duration attemptTimeout) {
      this.limits = limits.withAttemptTimeout(attemptTimeout);
      return this;
    }

    /** Sets how long the whole fetch may take, retries and waits included; see {@link #limits}. */
    public Builder timeout(Duration timeout) {
      this.limits = limits.withTimeout(timeout);
      return this;
    }

    /** Sets the first pause between attempts, doubled after each; default 200 ms. */
    Builder backoff(Duration backoff) {
      this.backoff = Objects.requireNonNull(backoff, "backoff");
      return this;
    }

    /** Returns the provider. */
    public KubernetesSecretProvider build() {
      return new KubernetesSecretProvider(this);
    }
  }
}
