package dev.envelope.aws;

import dev.envelope.spi.EnvProvider;
import dev.envelope.spi.ProviderException;
import dev.envelope.spi.ProviderRequest;
import dev.envelope.spi.ProviderSnapshot;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerServiceClientConfiguration;

/**
 * Supplies variables from secrets in AWS Secrets Manager: a JSON secret gives one variable per key,
 * a plain secret one variable.
 *
 * <pre>{@code
 * EnvProvider aws = AwsSecretsManagerProvider.builder()
 *     .secret(AwsSecret.json("prod/db").withPrefix("DATABASE_"))   // DATABASE_PASSWORD, ...
 *     .secret(AwsSecret.plain("prod/api-key", "API_KEY"))
 *     .region("eu-west-1")
 *     .build();
 * }</pre>
 *
 * <p>Secrets are read with {@code BatchGetSecretValue}, 20 a call; a secret pinned to a version stage
 * other than {@code AWSCURRENT} or to a version id is read with {@code GetSecretValue}, and so is
 * every secret when the caller may not batch. Unless a client is given, each fetch builds its own
 * client on the lightweight URL-connection HTTP client, with the region, endpoint and credentials
 * from the builder, else from the settings ({@code AWS_REGION}, {@code
 * AWS_ENDPOINT_URL_SECRETS_MANAGER}, {@code AWS_ENDPOINT_URL}, {@code AWS_ACCESS_KEY_ID} and {@code
 * AWS_SECRET_ACCESS_KEY}, {@code AWS_PROFILE}), else from the SDK's default chains, and closes it
 * afterwards. Instances are immutable and thread-safe; the builder is not.
 */
public final class AwsSecretsManagerProvider implements EnvProvider {
  /** The attempts a call gets by default, the first included, before a throttled or failed call gives up. */
  public static final int DEFAULT_MAX_ATTEMPTS = 3;

  private final List<AwsSecret> secrets;
  private final ClientSettings settings;
  private final SecretsManagerClient client;
  private final String name;

  private AwsSecretsManagerProvider(Builder builder) {
    this.secrets = List.copyOf(builder.secrets);
    this.settings = new ClientSettings(builder.region, builder.endpoint, builder.credentials, builder.maxAttempts);
    this.client = builder.client;
    this.name = SecretExpander.ORIGIN_PREFIX.strip() + " " + summary(secrets);
  }

  /** Returns a builder for a provider. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the secrets this provider reads, in order of precedence. */
  public List<AwsSecret> secrets() {
    return secrets;
  }

  /**
   * Returns {@code aws-secretsmanager} and the first secret's id, with the number of the others: {@code
   * aws-secretsmanager prod/db (+1 more)}.
   */
  @Override
  public String name() {
    return name;
  }

  /**
   * Reads every secret and returns their variables. Where two secrets give the same variable, the
   * one listed first wins.
   *
   * @throws ProviderException naming every secret that could not be read or expanded and why, or
   *     the cause of a failed call (credentials, region, throttling, network)
   */
  @Override
  public ProviderSnapshot fetch(ProviderRequest request) throws ProviderException {
    if (client != null) {
      return read(client);
    }
    try (SecretsManagerClient own = settings.open(request)) {
      return read(own);
    }
  }

  private ProviderSnapshot read(SecretsManagerClient client) throws ProviderException {
    SecretReader reader = new SecretReader(client);
    try {
      reader.read(secrets);
    } catch (SdkException e) {
      throw new ProviderException(ServiceFailures.describe(e, where(client)), e);
    }
    ProviderSnapshot.Builder snapshot = ProviderSnapshot.builder();
    Set<String> seen = new HashSet<>();
    List<String> problems = new ArrayList<>();
    for (AwsSecret secret : secrets) {
      SecretReader.SecretValue value = reader.value(secret);
      if (value == null) {
        problems.add(secret.describe() + ": " + reader.failure(secret));
      } else {
        SecretExpander.expand(secret, value, snapshot, seen, problems);
      }
    }
    if (!problems.isEmpty()) {
      String denied = reader.batchDenied() ? " (BatchGetSecretValue was denied, so each was read with GetSecretValue)" : "";
      // A secret that exists in another region or account is "not found": say where we looked.
      String lookedIn =
          problems.stream().anyMatch(p -> p.contains(": ResourceNotFoundException: "))
              ? "; looked in " + where(client)
              : "";
      throw new ProviderException(
          (problems.size() == 1 ? "" : problems.size() + " problems" + denied + ": ")
              + String.join("; ", problems)
              + (problems.size() == 1 ? denied : "")
              + lookedIn);
    }
    if (reader.batchDenied()) {
      snapshot.note("BatchGetSecretValue was denied, so each secret was read with GetSecretValue;"
          + " allow secretsmanager:BatchGetSecretValue to make fewer calls");
    }
    return snapshot.build();
  }

  private static String where(SecretsManagerClient client) {
    SecretsManagerServiceClientConfiguration configuration = client.serviceClientConfiguration();
    String where = "region " + configuration.region();
    return configuration.endpointOverride().map(uri -> where + ", endpoint " + uri).orElse(where);
  }

  private static String summary(List<AwsSecret> secrets) {
    // No commas: the name appears in comma-separated "looked in" lists.
    String first = secrets.get(0).describe();
    return secrets.size() == 1 ? first : first + " (+" + (secrets.size() - 1) + " more)";
  }

  /** Returns the provider's name and settings; never a credential. */
  @Override
  public String toString() {
    return "AwsSecretsManagerProvider[" + name + (client != null ? ", given client" : ", " + settings) + "]";
  }

  /** Builds an {@link AwsSecretsManagerProvider}. Not thread-safe. */
  public static final class Builder {
    private final List<AwsSecret> secrets = new ArrayList<>();
    private String region;
    private URI endpoint;
    private AwsCredentialsProvider credentials;
    private SecretsManagerClient client;
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;

    private Builder() {}

    /** Adds a secret; secrets added earlier win when two give the same variable. */
    public Builder secret(AwsSecret secret) {
      secrets.add(Objects.requireNonNull(secret, "secret"));
      return this;
    }

    /** Adds a JSON secret whose keys become variables under {@code prefix} (may be empty). */
    public Builder jsonSecret(String id, String prefix) {
      return secret(AwsSecret.json(id).withPrefix(prefix));
    }

    /** Adds a secret whose whole value becomes the variable {@code variable}. */
    public Builder plainSecret(String id, String variable) {
      return secret(AwsSecret.plain(id, variable));
    }

    /** Sets the region, for example {@code eu-west-1}, instead of {@code AWS_REGION} and the default chain. */
    public Builder region(String region) {
      this.region = Objects.requireNonNull(region, "region");
      return this;
    }

    /** Sets the endpoint, for example a VPC endpoint or a local emulator, instead of the settings. */
    public Builder endpoint(URI endpoint) {
      this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
      return this;
    }

    /** Sets the credentials instead of the settings and the SDK's default chain. */
    public Builder credentials(AwsCredentialsProvider credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    /**
     * Uses {@code client} for every fetch, with its own region, credentials, HTTP client and retries;
     * the region, endpoint, credentials and attempts set here and in the settings are then ignored.
     * The provider never closes it.
     */
    public Builder client(SecretsManagerClient client) {
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    /**
     * Sets how many attempts a call gets, the first included, when it is throttled or fails in a way
     * worth retrying; default {@value AwsSecretsManagerProvider#DEFAULT_MAX_ATTEMPTS}. Backoff between
     * attempts is the SDK's standard, with jitter.
     *
     * @throws IllegalArgumentException if {@code maxAttempts} is less than 1
     */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * Returns the provider.
     *
     * @throws IllegalStateException if no secret was added
     */
    public AwsSecretsManagerProvider build() {
      if (secrets.isEmpty()) {
        throw new IllegalStateException("add at least one secret to read from AWS Secrets Manager");
      }
      return new AwsSecretsManagerProvider(this);
    }
  }
}
