package dev.envelope.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import dev.envelope.spi.EnvProvider;
import dev.envelope.spi.FetchLimits;
import dev.envelope.spi.ProviderException;
import dev.envelope.spi.ProviderRequest;
import dev.envelope.spi.ProviderSnapshot;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import javax.net.ssl.SSLContext;

/**
 * Supplies the variables the schema declares from the secrets of one Azure Key Vault: {@code
 * DATABASE_URL} from the secret {@code database-url}.
 *
 * <pre>{@code
 * EnvProvider vault = AzureKeyVaultProvider.builder()
 *     .vaultUrl("https://my-vault.vault.azure.net")
 *     .version("DATABASE_URL", "3f2a9c0e54d84b0c9f3c1f9f0a1b2c3d")   // optional: pin a version
 *     .build();
 * }</pre>
 *
 * <p>Each fetch reads only the declared names, one request each, a few at a time; a secret that does
 * not exist is simply not supplied, so that a required variable is reported as missing. Disabled,
 * expired and not-yet-active secrets are problems. The identity is {@code DefaultAzureCredential}
 * (environment, workload identity, managed identity, Azure CLI, ...) unless a {@link TokenCredential}
 * is given; requests go over the JDK's own HTTP client unless an {@link HttpClient} is given, each
 * exchange bounded by the attempt time-out, its body by {@value KeyVaultHttpClient#MAX_BODY_BYTES}
 * bytes, never following a redirect. The
 * Azure client is built on the first fetch and reused. Instances are immutable and thread-safe; the
 * builder is not.
 */
public final class AzureKeyVaultProvider implements EnvProvider {
  /** The scheme of this provider's URIs and the first word of its origins. */
  public static final String SCHEME = "azure-keyvault";

  /** How many secrets are read at once by default. */
  public static final int DEFAULT_CONCURRENCY = 8;

  private final Vault vault;
  private final Map<String, String> names;
  private final Map<String, String> versions;
  private final boolean reportUnknownKeys;
  private final boolean verifyChallengeResource;
  private final FetchLimits limits;
  private final int concurrency;
  private final TokenCredential givenCredential;
  private final HttpClient givenHttpClient;
  private final SSLContext sslContext;
  private final String name;
  private SecretClient client; // built on the first fetch, guarded by this

  private AzureKeyVaultProvider(Builder builder) {
    this.vault = builder.vault;
    this.names = Map.copyOf(builder.names);
    this.versions = Map.copyOf(builder.versions);
    this.reportUnknownKeys = builder.reportUnknownKeys;
    this.verifyChallengeResource = builder.verifyChallengeResource;
    this.limits = builder.limits;
    this.concurrency = builder.concurrency;
    this.givenCredential = builder.credential;
    this.givenHttpClient = builder.httpClient;
    this.sslContext = builder.sslContext;
    this.name = SCHEME + " " + vault.name();
  }

  /** Returns a builder for a provider. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns {@code azure-keyvault} and the vault's short name: {@code azure-keyvault my-vault}. */
  @Override
  public String name() {
    return name;
  }

  /** Returns the vault's URL, {@code https://my-vault.vault.azure.net}. */
  public String vaultUrl() {
    return vault.url();
  }

  /** Returns the limits each fetch keeps to. */
  public FetchLimits limits() {
    return limits;
  }

  /**
   * Reads the secret of every declared variable that can have one and returns those that exist;
   * with {@linkplain Builder#reportUnknownKeys unknown keys reported}, also lists the vault.
   *
   * @throws ProviderException naming every secret that could not be read and why (identity, role,
   *     disabled or expired secret, throttling, network), or the time-out
   */
  @Override
  public ProviderSnapshot fetch(ProviderRequest request) throws ProviderException {
    Map<String, VaultReader.Lookup> byVariable = new LinkedHashMap<>();
    Map<VaultReader.Lookup, VaultReader.Lookup> unique = new LinkedHashMap<>();
    ProviderSnapshot.Builder snapshot = ProviderSnapshot.builder();
    for (String variable : new TreeSet<>(request.declaredNames())) {
      String secretName = names.getOrDefault(variable, SecretNames.secretName(variable));
      if (secretName != null) {
        VaultReader.Lookup lookup = new VaultReader.Lookup(SecretNames.key(secretName), versions.get(variable));
        byVariable.put(variable, unique.computeIfAbsent(lookup, l -> l));
      } else {
        snapshot.lookedFor(variable, "not read: a Key Vault name holds only letters, digits and -");
      }
    }
    VaultReader reader = new VaultReader(client(), vault, limits, identity());
    Map<VaultReader.Lookup, VaultReader.Outcome> outcomes = reader.read(List.copyOf(unique.keySet()), concurrency);
    Set<String> problems = new LinkedHashSet<>();
    for (Map.Entry<String, VaultReader.Lookup> entry : byVariable.entrySet()) {
      VaultReader.Outcome outcome = outcomes.get(entry.getValue());
      if (outcome.found()) {
        snapshot.put(entry.getKey(), outcome.value(), origin(entry.getValue().name()) + " (version " + outcome.version() + ")");
      } else if (outcome.problem() != null) {
        problems.add(outcome.problem());
      } else {
        snapshot.lookedFor(entry.getKey(), "secret " + entry.getValue().name());
      }
    }
    if (!problems.isEmpty()) {
      throw new ProviderException(
          (problems.size() == 1 ? "" : problems.size() + " problems: ") + String.join("; ", problems));
    }
    if (reportUnknownKeys) {
      addUnknown(reader.list(), unique.keySet(), request.declaredNames(), snapshot);
    }
    return snapshot.build();
  }

  /**
   * Adds every listed secret that no declared variable reads, under the variable it would feed, so
   * that Envelope reports it as unknown. Its value is never downloaded: the entry holds an empty one.
   */
  private void addUnknown(
      List<String> listed, Set<VaultReader.Lookup> read, Set<String> declared, ProviderSnapshot.Builder snapshot) {
    Set<String> readKeys = new HashSet<>();
    for (VaultReader.Lookup lookup : read) {
      readKeys.add(lookup.name());
    }
    for (String secretName : listed) {
      String variable = SecretNames.variableName(secretName);
      if (!readKeys.contains(SecretNames.key(secretName)) && !declared.contains(variable)) {
        snapshot.put(variable, "", origin(secretName) + " (listed, not read)");
      }
    }
  }

  private String origin(String secretName) {
    return SCHEME + " " + vault.name() + "/" + secretName;
  }

  private String identity() {
    return givenCredential == null
        ? "DefaultAzureCredential: environment, workload identity, managed identity or developer sign-in"
        : givenCredential.getClass().getSimpleName();
  }

  private synchronized SecretClient client() {
    if (client == null) {
      SecretClientBuilder builder =
          new SecretClientBuilder()
              .vaultUrl(vault.url())
              .credential(givenCredential != null ? givenCredential : new DefaultAzureCredentialBuilder().build())
              .httpClient(givenHttpClient != null ? givenHttpClient : httpClient())
              // Envelope retries itself, so that waits stay within the fetch's limits and Retry-After is bounded.
              .retryOptions(new RetryOptions(new FixedDelayOptions(0, Duration.ofMillis(1))));
      if (!verifyChallengeResource) {
        builder.disableChallengeResourceVerification();
      }
      client = builder.buildClient();
    }
    return client;
  }

  private HttpClient httpClient() {
    Duration attempt = limits.attemptTimeout();
    java.net.http.HttpClient.Builder jdk = java.net.http.HttpClient.newBuilder()
        .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
        .connectTimeout(attempt.compareTo(Duration.ofSeconds(5)) < 0 ? attempt : Duration.ofSeconds(5));
    if (sslContext != null) {
      jdk.sslContext(sslContext);
    }
    return new KeyVaultHttpClient(jdk.build(), attempt);
  }

  /** Returns the vault, the settings and the kind of identity; never a token or a value. */
  @Override
  public String toString() {
    return "AzureKeyVaultProvider[" + vault.url() + ", " + (givenCredential == null ? "DefaultAzureCredential" : identity())
        + ", " + limits + (versions.isEmpty() ? "" : ", pinned " + new TreeSet<>(versions.keySet()))
        + (reportUnknownKeys ? ", reports unknown keys" : "")
        + (verifyChallengeResource ? "" : ", challenge resource not verified") + "]";
  }

  /** Builds an {@link AzureKeyVaultProvider}. Not thread-safe. */
  public static final class Builder {
    private Vault vault;
    private final Map<String, String> names = new LinkedHashMap<>();
    private final Map<String, String> versions = new LinkedHashMap<>();
    private boolean reportUnknownKeys;
    private boolean verifyChallengeResource = true;
    private FetchLimits limits = FetchLimits.DEFAULT;
    private int concurrency = DEFAULT_CONCURRENCY;
    private TokenCredential credential;
    private HttpClient httpClient;
    private SSLContext sslContext;

    private Builder() {}

    /**
     * Sets the vault, {@code https://my-vault.vault.azure.net} (required).
     *
     * @throws IllegalArgumentException if it is not an https URL of a host alone
     */
    public Builder vaultUrl(String vaultUrl) {
      this.vault = Vault.of(Objects.requireNonNull(vaultUrl, "vaultUrl"));
      return this;
    }

    /** Sets the identity, instead of {@code DefaultAzureCredential}. */
    public Builder credential(TokenCredential credential) {
      this.credential = Objects.requireNonNull(credential, "credential");
      return this;
    }

    /**
     * Sends requests over {@code httpClient} (a proxy, another client library) instead of the JDK's
     * client; its own time-outs then bound each attempt.
     */
    public Builder httpClient(HttpClient httpClient) {
      this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
      return this;
    }

    /**
     * Reads {@code variable} from the secret {@code secretName} instead of the mapped name.
     *
     * @throws IllegalArgumentException if {@code secretName} is not a Key Vault name (1 to 127
     *     letters, digits and {@code -})
     */
    public Builder secretName(String variable, String secretName) {
      Objects.requireNonNull(variable, "variable");
      if (!SecretNames.isValid(Objects.requireNonNull(secretName, "secretName"))) {
        throw new IllegalArgumentException("'" + secretName + "' (for " + variable
            + ") is not a Key Vault secret name: use 1 to " + SecretNames.MAX_LENGTH + " letters, digits and -");
      }
      names.put(variable, secretName);
      return this;
    }

    /**
     * Reads {@code variable} from version {@code versionId} of its secret instead of the latest.
     *
     * @throws IllegalArgumentException if {@code versionId} is blank or holds a {@code /}
     */
    public Builder version(String variable, String versionId) {
      Objects.requireNonNull(variable, "variable");
      Objects.requireNonNull(versionId, "versionId");
      if (versionId.isBlank() || !SecretNames.isValid(versionId)) {
        throw new IllegalArgumentException("'" + versionId + "' (for " + variable + ") is not a Key Vault version id");
      }
      versions.put(variable, versionId);
      return this;
    }

    /**
     * Also lists the vault on every fetch (following every page) and supplies each secret that no
     * declared variable reads, without its value, so that Envelope reports it as an unknown key. For
     * a vault that belongs to this application alone.
     */
    public Builder reportUnknownKeys() {
      this.reportUnknownKeys = true;
      return this;
    }

    /**
     * Accepts an authentication challenge for a resource whose domain does not match the vault's
     * host, for a vault reached under a host name of your own. Off by default, as in the SDK: the
     * check keeps a token for Key Vault from being sent to another host.
     */
    public Builder disableChallengeResourceVerification() {
      this.verifyChallengeResource = false;
      return this;
    }

    /** Sets the attempts, attempt time-out and fetch time-out together; default {@link FetchLimits#DEFAULT}. */
    public Builder limits(FetchLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /** Sets how many attempts a request gets, the first included; see {@link FetchLimits#of}. */
    public Builder maxAttempts(int maxAttempts) {
      this.limits = limits.withMaxAttempts(maxAttempts);
      return this;
    }

    /** Sets how long one attempt may take; see {@link FetchLimits#of}. */
    public Builder attemptTimeout(Duration attemptTimeout) {
      this.limits = limits.withAttemptTimeout(attemptTimeout);
      return this;
    }

    /** Sets how long a whole fetch may take, retries and waits included; see {@link FetchLimits#withTimeout}. */
    public Builder timeout(Duration timeout) {
      this.limits = limits.withTimeout(timeout);
      return this;
    }

    /**
     * Sets how many secrets are read at once; default {@value AzureKeyVaultProvider#DEFAULT_CONCURRENCY}.
     *
     * @throws IllegalArgumentException if {@code maxConcurrency} is less than 1
     */
    public Builder maxConcurrency(int maxConcurrency) {
      if (maxConcurrency < 1) {
        throw new IllegalArgumentException("maxConcurrency must be at least 1, not " + maxConcurrency);
      }
      this.concurrency = maxConcurrency;
      return this;
    }

    /** Trusts {@code sslContext}'s certificates on the JDK client; for tests against a local vault. */
    Builder sslContext(SSLContext sslContext) {
      this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
      return this;
    }

    /**
     * Returns the provider.
     *
     * @throws IllegalStateException if no vault URL was set
     */
    public AzureKeyVaultProvider build() {
      if (vault == null) {
        throw new IllegalStateException("set the vault URL (vaultUrl(\"https://my-vault.vault.azure.net\"))");
      }
      return new AzureKeyVaultProvider(this);
    }
  }
}
