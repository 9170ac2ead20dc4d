package dev.envelope.aws;

import dev.envelope.aws.common.AwsClientSettings;
import dev.envelope.aws.common.AwsDeadline;
import dev.envelope.aws.common.AwsFailures;
import dev.envelope.aws.common.AwsService;
import dev.envelope.spi.EnvProvider;
import dev.envelope.spi.FetchLimits;
import dev.envelope.spi.ProviderException;
import dev.envelope.spi.ProviderRequest;
import dev.envelope.spi.ProviderSnapshot;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

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
 * afterwards. Each fetch is bounded by its {@link FetchLimits} (by default 3 attempts of at most 10 s
 * each, 25 s in all, inside the load's 30 s), and refuses answers larger than 4 MiB.
 *
 * <p>A refresh of live configuration asks, with one {@code DescribeSecret} per secret, which version
 * each secret's stage now labels, as AWS's own caching client does; when none moved it returns the
 * previous snapshot, having read no value, and otherwise reads only the secrets whose version
 * changed. For that, each instance remembers the last value it read of each of its secrets, by
 * version id (a version never changes its value). Instances are thread-safe and, apart from that,
 * immutable; the builder is not.
 */
public final class AwsSecretsManagerProvider implements EnvProvider {
  /** The attempts a call gets by default, the first included, before a throttled or failed call gives up. */
  public static final int DEFAULT_MAX_ATTEMPTS = 3;

  static final AwsService SERVICE = AwsService.of("Secrets Manager", "AWS_ENDPOINT_URL_SECRETS_MANAGER");

  private final List<AwsSecret> secrets;
  private final AwsClientSettings settings;
  private final SecretsManagerClient client;
  private final String name;
  private final ReadValues readValues = new ReadValues();

  private AwsSecretsManagerProvider(Builder builder) {
    this.secrets = List.copyOf(builder.secrets);
    this.settings = AwsClientSettings.of(SERVICE, builder.region, builder.endpoint, builder.credentials, builder.limits);
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

  /** Returns the limits of each fetch. */
  public FetchLimits limits() {
    return settings.limits();
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
   * one listed first wins. A refresh ({@link ProviderRequest#previous()}) first asks which version each
   * secret's stage labels ({@code DescribeSecret}) and returns the previous snapshot when none moved;
   * otherwise it reads only the secrets whose version changed.
   *
   * @throws ProviderException naming every secret that could not be read or expanded and why, or
   *     the cause of a failed call (credentials, region, throttling, network)
   */
  @Override
  public ProviderSnapshot fetch(ProviderRequest request) throws ProviderException {
    AwsDeadline deadline = AwsDeadline.start(settings.limits());
    ProviderSnapshot previous = request.previous().orElse(null);
    if (client != null) {
      return read(client, deadline, previous);
    }
    try (SecretsManagerClient own = settings.open(SecretsManagerClient.builder(), request, deadline)) {
      return read(own, deadline, previous);
    }
  }

  private ProviderSnapshot read(SecretsManagerClient client, AwsDeadline deadline, ProviderSnapshot previous)
      throws ProviderException {
    String where = AwsClientSettings.where(client);
    try {
      return new SecretsFetch(client, deadline, where, secrets, readValues).run(previous);
    } catch (SdkException e) {
      throw new ProviderException(AwsFailures.describe(e, SERVICE, where, deadline), e);
    }
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
    private FetchLimits limits = FetchLimits.DEFAULT;

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
     * the region, endpoint, credentials and attempts set here and in the settings are then ignored,
     * but each call still ends within the time-outs. The provider never closes it.
     */
    public Builder client(SecretsManagerClient client) {
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    /** Sets every limit of a fetch at once; default {@link FetchLimits#DEFAULT}. */
    public Builder limits(FetchLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
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
      this.limits = limits.withMaxAttempts(maxAttempts);
      return this;
    }

    /**
     * Sets how long one attempt may take, from connecting to the last byte of the body; default 10 s.
     *
     * @throws IllegalArgumentException if it is not positive or exceeds the timeout
     */
    public Builder attemptTimeout(Duration attemptTimeout) {
      this.limits = limits.withAttemptTimeout(attemptTimeout);
      return this;
    }

    /**
     * Sets how long a fetch may take in all, retries and waits included; default 25 s, inside the
     * load's 30 s provider time-out.
     *
     * @throws IllegalArgumentException if it is not positive
     */
    public Builder timeout(Duration timeout) {
      this.limits = limits.withTimeout(timeout);
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
