package dev.envelope.aws.parameterstore;

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
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Supplies variables from AWS Systems Manager Parameter Store: every parameter under a path, or
 * parameters by name.
 *
 * <pre>{@code
 * EnvProvider parameters = AwsParameterStoreProvider.builder()
 *     .path("/app/prod/")                                  // /app/prod/db/password -> DB_PASSWORD
 *     .parameter("/shared/api-key:3", "API_KEY")           // version 3; or a label, ":prod"
 *     .region("eu-west-1")
 *     .build();
 * }</pre>
 *
 * <p>A path is read with {@code GetParametersByPath}, recursively, ten a page, following {@code
 * NextToken} to the last page; the part of a name below the path becomes the variable, with {@code /},
 * {@code -} and {@code .} as {@code _}, upper-cased (two parameters that become one variable are a
 * problem naming both). Names are read with {@code GetParameters}, ten a call. {@code SecureString}s
 * are decrypted and marked secret: masked everywhere, and in production a problem unless the schema
 * declares them {@code Secret}; a {@code StringList} is the comma-separated list a {@code List<String>}
 * binds. Client settings, limits and the lightweight HTTP client are those of every Envelope AWS
 * provider (see {@code AwsClientSettings}).
 *
 * <p>A refresh of live configuration first lists names and versions with {@code DescribeParameters}
 * (50 a page, no value) and returns the previous snapshot when they are the ones read last time;
 * otherwise it reads everything again. Instances are immutable and thread-safe; the builder is not.
 */
public final class AwsParameterStoreProvider implements EnvProvider {
  static final AwsService SERVICE = AwsService.of("Parameter Store", "AWS_ENDPOINT_URL_SSM");
  static final String ORIGIN_PREFIX = "aws-parameterstore ";

  private final List<Selection> selections;
  private final AwsClientSettings settings;
  private final SsmClient client;
  private final String name;

  private AwsParameterStoreProvider(Builder builder) {
    this.selections = List.copyOf(builder.selections);
    this.settings = AwsClientSettings.of(SERVICE, builder.region, builder.endpoint, builder.credentials, builder.limits);
    this.client = builder.client;
    String first = selections.get(0).describe();
    // No commas: the name appears in comma-separated "looked in" lists.
    this.name = ORIGIN_PREFIX + (selections.size() == 1 ? first : first + " (+" + (selections.size() - 1) + " more)");
  }

  /** Returns a builder for a provider. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the paths and names this provider reads, in order of precedence, as given. */
  public List<String> selections() {
    List<String> described = new ArrayList<>();
    for (Selection selection : selections) {
      described.add(selection instanceof Selection.Named named && !named.variable().isEmpty()
          ? named.describe() + " -> " + named.variable()
          : selection instanceof Selection.Path path && !path.prefix().isEmpty()
              ? path.describe() + " (prefix " + path.prefix() + ")"
              : selection.describe());
    }
    return described;
  }

  /** Returns the limits of each fetch. */
  public FetchLimits limits() {
    return settings.limits();
  }

  /**
   * Returns {@code aws-parameterstore} and the first path or name, with the number of the others:
   * {@code aws-parameterstore /app/prod/ (+1 more)}.
   */
  @Override
  public String name() {
    return name;
  }

  /**
   * Reads every path and name and returns their variables. Where two selections give the same
   * variable, the one listed first wins.
   *
   * @throws ProviderException naming every path or name that could not be read and why, or the cause
   *     of a failed call (credentials, region, throttling, network, time limits)
   */
  @Override
  public ProviderSnapshot fetch(ProviderRequest request) throws ProviderException {
    AwsDeadline deadline = AwsDeadline.start(settings.limits());
    if (client != null) {
      return read(client, request, deadline);
    }
    try (SsmClient own = settings.open(SsmClient.builder(), request, deadline)) {
      return read(own, request, deadline);
    }
  }

  private ProviderSnapshot read(SsmClient client, ProviderRequest request, AwsDeadline deadline) throws ProviderException {
    String where = AwsClientSettings.where(client);
    ParameterReader reader = new ParameterReader(client, deadline);
    ProviderSnapshot previous = request.previous().orElse(null);
    // An empty previous version: a label selection, or DescribeParameters was denied; read in full.
    boolean checked = previous == null || !previous.version().isEmpty();
    try {
      String described = null;
      if (previous != null && checked) {
        VersionListing versions = new VersionListing(reader);
        Map<String, Set<String>> listing = versions.describe(selections);
        checked = !versions.denied();
        described = listing == null ? null : VersionListing.token(where, listing, selections);
        if (previous.version().equals(described)) {
          return previous;
        }
      }
      ParameterCollector collector = new ParameterCollector(reader, where);
      ProviderSnapshot.Builder snapshot = collector.collect(selections);
      if (!checked) {
        return snapshot.note("DescribeParameters was denied, so each refresh reads every value; allow"
            + " ssm:DescribeParameters (and restart) to make a refresh that finds nothing changed read no value").build();
      }
      // The listing described, when there is one: it may name parameters GetParametersByPath leaves out
      // (the role may not read them), and the next refresh compares listings alike.
      return snapshot.version(described != null ? described : VersionListing.token(where, collector.listing(), selections)).build();
    } catch (SdkException e) {
      throw new ProviderException(AwsFailures.describe(e, SERVICE, where, deadline), e);
    }
  }

  /** Returns the provider's name and settings; never a credential. */
  @Override
  public String toString() {
    return "AwsParameterStoreProvider[" + name + (client != null ? ", given client" : ", " + settings) + "]";
  }

  /** Builds an {@link AwsParameterStoreProvider}. Not thread-safe. */
  public static final class Builder {
    private final List<Selection> selections = new ArrayList<>();
    private String region;
    private URI endpoint;
    private AwsCredentialsProvider credentials;
    private SsmClient client;
    private FetchLimits limits = FetchLimits.DEFAULT;

    private Builder() {}

    /**
     * Reads every parameter below {@code path}, recursively; {@code /app/prod/db/password} under {@code
     * /app/prod/} becomes {@code DB_PASSWORD}.
     *
     * @throws IllegalArgumentException if {@code path} does not start with {@code /}
     */
    public Builder path(String path) {
      return path(path, "");
    }

    /**
     * Reads every parameter below {@code path}, recursively, each variable starting with {@code prefix}.
     *
     * @throws IllegalArgumentException if {@code path} does not start with {@code /}
     */
    public Builder path(String path, String prefix) {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(prefix, "prefix");
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException("a path starts with /, as in /app/prod/: " + path);
      }
      selections.add(new Selection.Path(path.endsWith("/") ? path : path + "/", prefix));
      return this;
    }

    /**
     * Reads the parameter {@code name} into a variable named after its last part ({@code
     * /app/prod/api-key} into {@code API_KEY}). {@code name:3} reads version 3, {@code name:prod} the
     * version labelled {@code prod}.
     *
     * @throws IllegalArgumentException if {@code name} is blank or its version or label is empty
     */
    public Builder parameter(String name) {
      return parameter(name, "");
    }

    /**
     * Reads the parameter {@code name} ({@code name:3} for a version, {@code name:prod} for a label)
     * into the variable {@code variable}.
     *
     * @throws IllegalArgumentException if {@code name} is blank or its version or label is empty
     */
    public Builder parameter(String name, String variable) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(variable, "variable");
      int colon = name.lastIndexOf(':');
      // Names hold no ':'; an ARN's colons all come before its last '/', a selector's after it.
      boolean selected = colon > name.lastIndexOf('/');
      String base = selected ? name.substring(0, colon) : name;
      String selector = selected ? name.substring(colon + 1) : "";
      if (base.isBlank() || selected && selector.isBlank()) {
        throw new IllegalArgumentException("expected a parameter name, name:version or name:label, not '" + name + "'");
      }
      String into = variable.isEmpty() ? Selection.variableName(base.substring(base.lastIndexOf('/') + 1)) : variable;
      selections.add(new Selection.Named(base, selector, into));
      return this;
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
    public Builder client(SsmClient client) {
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
     * worth retrying; default 3, with the SDK's jittered backoff between them.
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
     * Sets how long a fetch may take in all, every page, retry and wait included; default 25 s, inside
     * the load's 30 s provider time-out.
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
     * @throws IllegalStateException if no path or parameter was added
     */
    public AwsParameterStoreProvider build() {
      if (selections.isEmpty()) {
        throw new IllegalStateException("add at least one path or parameter to read from AWS Parameter Store");
      }
      return new AwsParameterStoreProvider(this);
    }
  }
}
