package dev.envelope.gcp;

import com.google.api.gax.grpc.InstantiatingGrpcChannelProvider;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretManagerServiceSettings;
import dev.envelope.spi.EnvProvider;
import dev.envelope.spi.FetchLimits;
import dev.envelope.spi.ProviderException;
import dev.envelope.spi.ProviderRequest;
import dev.envelope.spi.ProviderSnapshot;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Supplies variables from Google Cloud Secret Manager: each variable the schema declares is read
 * from the secret of the same name ({@code DATABASE_URL} from {@code
 * projects/my-project/secrets/DATABASE_URL/versions/latest}), and a secret holding a JSON object can
 * give one variable per key.
 *
 * <pre>{@code
 * EnvProvider gcp = GcpSecretManagerProvider.builder()
 *     .project("my-project")
 *     .secret("DATABASE_URL", "database-url")       // read DATABASE_URL from the secret database-url
 *     .version("DATABASE_URL", "4")                  // pinned; an alias such as "prod" works too
 *     .jsonSecret("orders-db", "DATABASE_")          // {"password": ...} -> DATABASE_PASSWORD
 *     .build();
 * }</pre>
 *
 * <p>Only declared variables are read, one {@code AccessSecretVersion} call each, at most {@link
 * Builder#maxConcurrency} at a time; a secret that does not exist leaves its variable to the other
 * sources. Each payload's CRC32C checksum is verified. The client comes from the {@linkplain
 * Builder#clientSettings client settings}: by default Google's gRPC transport and Application Default
 * Credentials (a workload's service account, {@code GOOGLE_APPLICATION_CREDENTIALS}, {@code gcloud
 * auth application-default login}); each fetch opens a client and closes it.
 *
 * <p>A refresh of live configuration first asks {@code GetSecretVersion} which version each
 * unpinned read resolves to (no payload, not an access operation) and returns the previous snapshot
 * when none moved; otherwise it reads every payload again. Instances are immutable and thread-safe;
 * the builder is not.
 */
public final class GcpSecretManagerProvider implements EnvProvider {
  /** The URI scheme and the first word of every origin: {@code gcp-secretmanager}. */
  public static final String SCHEME = "gcp-secretmanager";

  /** The calls made at once by default. */
  public static final int DEFAULT_MAX_CONCURRENCY = 8;

  private static final String DEFAULT_ENDPOINT = "secretmanager.googleapis.com:443";

  private final String project;
  private final SecretManagerServiceSettings clientSettings;
  private final Map<String, String> secretIds;
  private final Map<String, String> versions;
  private final Map<String, String> jsonSecrets;
  private final Set<String> only;
  private final FetchLimits limits;
  private final int maxConcurrency;

  private GcpSecretManagerProvider(Builder builder) {
    this.project = builder.project;
    this.clientSettings = builder.clientSettings;
    this.secretIds = Map.copyOf(builder.secretIds);
    this.versions = Map.copyOf(builder.versions);
    this.jsonSecrets = Collections.unmodifiableMap(new LinkedHashMap<>(builder.jsonSecrets));
    this.only = builder.only == null ? null : Set.copyOf(builder.only);
    this.limits = builder.limits;
    this.maxConcurrency = builder.maxConcurrency;
  }

  /** Returns a builder for a provider. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns {@code gcp-secretmanager} and the project: {@code gcp-secretmanager my-project}. */
  @Override
  public String name() {
    return SCHEME + " " + project;
  }

  /** Returns the limits of one fetch. */
  public FetchLimits limits() {
    return limits;
  }

  /**
   * Reads every declared variable's secret, then every JSON secret, and returns their variables. A
   * variable read from its own secret wins over the same name from a JSON secret; among JSON
   * secrets, the one added first wins.
   *
   * @throws ProviderException naming every secret that could not be read and why (permission,
   *     disabled version, checksum, time-out), or why no client could be made (no credentials)
   */
  @Override
  public ProviderSnapshot fetch(ProviderRequest request) throws ProviderException {
    long deadline = System.nanoTime() + limits.timeout().toNanos();
    List<SecretRead> reads = reads(request.declaredNames());
    ProviderSnapshot.Builder snapshot = ProviderSnapshot.builder();
    if (reads.isEmpty()) {
      return snapshot.build();
    }
    SecretManagerServiceSettings settings = clientSettings != null ? clientSettings : defaultSettings();
    String endpoint = endpoint(settings);
    SecretManagerServiceClient client;
    try {
      client = SecretManagerServiceClient.create(settings);
    } catch (IOException e) {
      throw new ProviderException("could not set up the Secret Manager client (" + endpoint + "): " + e.getMessage(), e);
    }
    ProviderSnapshot previous = request.previous().orElse(null);
    // An empty previous version: GetSecretVersion was denied before; read the payloads, ask no more.
    boolean checked = previous == null || !previous.version().isEmpty();
    List<Outcome> outcomes;
    try {
      if (previous != null && checked) {
        VersionCheck check = new VersionCheck(client.getSecretVersionCallable(), project, limits, deadline);
        List<String> states = check.states(reads);
        checked = !check.denied();
        if (states != null && VersionCheck.token(endpoint, project, reads, states).equals(previous.version())) {
          return previous;
        }
      }
      outcomes = new SecretAccessor(client.accessSecretVersionCallable(), project, endpoint, limits, maxConcurrency, deadline)
          .accessAll(reads);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException("interrupted while reading from Secret Manager; the calls were cancelled", e);
    } finally {
      client.shutdownNow();
    }
    SnapshotAssembly assembly = new SnapshotAssembly(project, snapshot);
    List<String> states = new ArrayList<>(reads.size());
    for (int i = 0; i < reads.size(); i++) {
      assembly.add(reads.get(i), outcomes.get(i));
      states.add(VersionCheck.state(outcomes.get(i)));
    }
    if (!checked) {
      snapshot.note("GetSecretVersion was denied, so each refresh reads every payload; grant the caller"
          + " secretmanager.versions.get (roles/secretmanager.viewer) and restart to make a refresh that finds"
          + " nothing changed read no payload");
    } else {
      snapshot.version(VersionCheck.token(endpoint, project, reads, states));
    }
    return assembly.build();
  }

  /** Returns the calls to make for {@code declared}: one per declared variable (as mapped), then the JSON secrets. */
  List<SecretRead> reads(Set<String> declared) {
    List<SecretRead> reads = new ArrayList<>();
    for (String variable : new TreeSet<>(declared)) {
      if (only != null && !only.contains(variable)) {
        continue;
      }
      String secretId = secretIds.getOrDefault(variable, variable);
      // A name Secret Manager cannot hold (say @Name("app.url")) has no secret to read.
      if (!SecretRead.SECRET_ID.matcher(secretId).matches()) {
        continue;
      }
      String version = versions.containsKey(variable) ? versions.get(variable) : versions.get(secretId);
      boolean named = secretIds.containsKey(variable) || version != null;
      reads.add(new SecretRead(secretId, version != null ? version : SecretRead.LATEST, variable, "", named));
    }
    for (Map.Entry<String, String> json : jsonSecrets.entrySet()) {
      reads.add(new SecretRead(json.getKey(), versions.getOrDefault(json.getKey(), SecretRead.LATEST), null, json.getValue(), true));
    }
    return reads;
  }

  private static SecretManagerServiceSettings defaultSettings() throws ProviderException {
    try {
      return SecretManagerServiceSettings.newBuilder().build();
    } catch (IOException e) {
      throw new ProviderException("could not set up the Secret Manager client: " + e.getMessage(), e);
    }
  }

  private static String endpoint(SecretManagerServiceSettings settings) {
    if (settings.getTransportChannelProvider() instanceof InstantiatingGrpcChannelProvider grpc
        && grpc.getEndpoint() != null) {
      return grpc.getEndpoint();
    }
    return settings.getEndpoint() != null ? settings.getEndpoint() : DEFAULT_ENDPOINT;
  }

  /** Returns the project and what is read; never a credential. */
  @Override
  public String toString() {
    return "GcpSecretManagerProvider[" + name()
        + (only == null ? ", declared variables" : ", only " + new TreeSet<>(only))
        + (secretIds.isEmpty() ? "" : ", secrets " + new TreeMap<>(secretIds))
        + (versions.isEmpty() ? "" : ", versions " + new TreeMap<>(versions))
        + (jsonSecrets.isEmpty() ? "" : ", JSON " + jsonSecrets)
        + ", maxConcurrency " + maxConcurrency + ", " + limits
        + (clientSettings == null ? ", default client" : ", client endpoint " + endpoint(clientSettings)) + "]";
  }

  /** Builds a {@link GcpSecretManagerProvider}. Not thread-safe. */
  public static final class Builder {
    private String project;
    private SecretManagerServiceSettings clientSettings;
    private final Map<String, String> secretIds = new LinkedHashMap<>();
    private final Map<String, String> versions = new LinkedHashMap<>();
    private final Map<String, String> jsonSecrets = new LinkedHashMap<>();
    private Set<String> only;
    private FetchLimits limits = FetchLimits.DEFAULT;
    private int maxConcurrency = DEFAULT_MAX_CONCURRENCY;

    private Builder() {}

    /**
     * Sets the project the secrets belong to, by id or number ({@code my-project}, {@code
     * projects/my-project} or {@code 123456789012}); required.
     *
     * @throws IllegalArgumentException if it is blank or holds a {@code /} beyond the {@code projects/}
     */
    public Builder project(String project) {
      Objects.requireNonNull(project, "project");
      String id = project.startsWith("projects/") ? project.substring("projects/".length()) : project;
      if (id.isBlank() || id.contains("/")) {
        throw new IllegalArgumentException("project must be a project id or number such as my-project, not '" + project + "'");
      }
      this.project = id;
      return this;
    }

    /**
     * Sets the client settings: endpoint, transport and credentials ({@code setCredentialsProvider}),
     * as for any Google Cloud client. By default Google's endpoint over gRPC with Application Default
     * Credentials. The client's own retries are replaced by this provider's {@linkplain #limits limits}.
     */
    public Builder clientSettings(SecretManagerServiceSettings clientSettings) {
      this.clientSettings = Objects.requireNonNull(clientSettings, "clientSettings");
      return this;
    }

    /**
     * Reads the variable {@code variable} from the secret {@code secretId} instead of the secret of
     * the same name, for example {@code DATABASE_URL} from {@code database-url}. A secret named so
     * that is missing is a problem, not a variable left to other sources.
     *
     * @throws IllegalArgumentException if {@code secretId} is not a valid secret id ({@code [A-Za-z0-9_-]}, at most 255)
     */
    public Builder secret(String variable, String secretId) {
      secretIds.put(requireText(variable, "variable"), requireSecretId(secretId));
      return this;
    }

    /**
     * Reads version {@code version}, a number ({@code 4}) or an alias ({@code prod}), instead of
     * {@code latest}, for the variable {@code name}, or for the secret {@code name} (a JSON secret, or
     * the secret a variable is {@linkplain #secret mapped} to).
     *
     * @throws IllegalArgumentException if either is malformed
     */
    public Builder version(String name, String version) {
      Objects.requireNonNull(version, "version");
      if (!SecretRead.VERSION.matcher(version).matches()) {
        throw new IllegalArgumentException(
            "version of " + name + " must be a number such as 4 or an alias such as prod, not '" + version + "'");
      }
      versions.put(requireSecretId(name), version);
      return this;
    }

    /**
     * Reads the secret {@code secretId}, a JSON object, into one variable per key under {@code prefix}
     * (may be empty): {@code {"password": ...}} with prefix {@code DATABASE_} gives {@code
     * DATABASE_PASSWORD}. Secrets added earlier win when two give the same variable.
     */
    public Builder jsonSecret(String secretId, String prefix) {
      jsonSecrets.put(requireSecretId(secretId), Objects.requireNonNull(prefix, "prefix"));
      return this;
    }

    /**
     * Reads only these of the declared variables from their own secrets (JSON secrets are read
     * regardless); none at all for an empty collection. By default every declared variable is read.
     */
    public Builder only(Collection<String> variables) {
      this.only = Set.copyOf(variables);
      return this;
    }

    /**
     * Sets how many calls are made at once, 1 to 64; default {@value GcpSecretManagerProvider#DEFAULT_MAX_CONCURRENCY}.
     *
     * @throws IllegalArgumentException if out of range
     */
    public Builder maxConcurrency(int maxConcurrency) {
      if (maxConcurrency < 1 || maxConcurrency > 64) {
        throw new IllegalArgumentException("maxConcurrency must be between 1 and 64, not " + maxConcurrency);
      }
      this.maxConcurrency = maxConcurrency;
      return this;
    }

    /** Sets the attempts, attempt time-out and overall time-out of a fetch; default {@link FetchLimits#DEFAULT}. */
    public Builder limits(FetchLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /** Sets how many attempts a call gets, the first included; see {@link FetchLimits#withMaxAttempts}. */
    public Builder maxAttempts(int maxAttempts) {
      this.limits = limits.withMaxAttempts(maxAttempts);
      return this;
    }

    /** Sets how long one attempt may take; see {@link FetchLimits#withAttemptTimeout}. */
    public Builder attemptTimeout(Duration attemptTimeout) {
      this.limits = limits.withAttemptTimeout(attemptTimeout);
      return this;
    }

    /** Sets how long a whole fetch may take, retries included; see {@link FetchLimits#withTimeout}. */
    public Builder timeout(Duration timeout) {
      this.limits = limits.withTimeout(timeout);
      return this;
    }

    /**
     * Returns the provider.
     *
     * @throws IllegalStateException if no project was set
     */
    public GcpSecretManagerProvider build() {
      if (project == null) {
        throw new IllegalStateException("set the project whose secrets to read: project(\"my-project\")");
      }
      return new GcpSecretManagerProvider(this);
    }

    private static String requireText(String value, String what) {
      Objects.requireNonNull(value, what);
      if (value.isBlank()) {
        throw new IllegalArgumentException(what + " must not be blank");
      }
      return value;
    }

    private static String requireSecretId(String secretId) {
      Objects.requireNonNull(secretId, "secretId");
      if (!SecretRead.SECRET_ID.matcher(secretId).matches()) {
        throw new IllegalArgumentException(
            "'" + secretId + "' is not a Secret Manager secret id (letters, digits, _ and -, at most 255)");
      }
      return secretId;
    }
  }
}
