package dev.envelope.aws.common;

import dev.envelope.spi.FetchLimits;
import dev.envelope.spi.ProviderException;
import dev.envelope.spi.ProviderRequest;
import dev.envelope.spi.ProviderUri;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsServiceClientConfiguration;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Configures the client of one fetch for an AWS service: the region, endpoint and credentials from
 * the provider's builder, else from the load's settings ({@code AWS_REGION}, {@code
 * AWS_ENDPOINT_URL_<SERVICE>}, {@code AWS_ENDPOINT_URL}, {@code AWS_ACCESS_KEY_ID} and {@code
 * AWS_SECRET_ACCESS_KEY}, {@code AWS_PROFILE}), else from the SDK's default chains; the URL-connection
 * HTTP client; the SDK's standard retries bounded by {@link FetchLimits}; and the {@linkplain
 * ResponseGuard response checks} every Envelope AWS provider applies. Internal to Envelope's AWS
 * modules. Immutable.
 */
public final class AwsClientSettings {
  /** The setting of the region. */
  public static final String REGION = "AWS_REGION";
  /** The setting of the endpoint of every AWS service, below the service's own. */
  public static final String ENDPOINT = "AWS_ENDPOINT_URL";
  /** The setting of the access key id. */
  public static final String ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
  /** The setting of the secret access key. */
  public static final String SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
  /** The setting of the session token that goes with temporary keys. */
  public static final String SESSION_TOKEN = "AWS_SESSION_TOKEN";
  /** The setting of the profile of the shared configuration files. */
  public static final String PROFILE = "AWS_PROFILE";

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private final AwsService service;
  private final String region;
  private final URI endpoint;
  private final AwsCredentialsProvider credentials;
  private final FetchLimits limits;

  private AwsClientSettings(
      AwsService service, String region, URI endpoint, AwsCredentialsProvider credentials, FetchLimits limits) {
    this.service = Objects.requireNonNull(service, "service");
    this.region = region;
    this.endpoint = endpoint;
    this.credentials = credentials;
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /**
   * Returns settings for {@code service}; {@code region}, {@code endpoint} and {@code credentials} may
   * be null, leaving them to the load's settings and the SDK's chains.
   */
  public static AwsClientSettings of(
      AwsService service, String region, URI endpoint, AwsCredentialsProvider credentials, FetchLimits limits) {
    return new AwsClientSettings(service, region, endpoint, credentials, limits);
  }

  /** Returns the limits of each fetch. */
  public FetchLimits limits() {
    return limits;
  }

  /**
   * Configures {@code builder} for one fetch that ends at {@code deadline} and returns its client;
   * the caller closes it.
   *
   * @throws ProviderException if a setting is malformed or no region can be found
   */
  public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkClient> C open(
      B builder, ProviderRequest request, AwsDeadline deadline) throws ProviderException {
    Duration attempt = limits.attemptTimeout();
    builder
        .httpClient(
            UrlConnectionHttpClient.builder()
                .connectionTimeout(attempt.compareTo(CONNECT_TIMEOUT) < 0 ? attempt : CONNECT_TIMEOUT)
                .socketTimeout(attempt)
                .build())
        .overrideConfiguration(
            o -> o.retryStrategy(
                    AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(limits.maxAttempts()).build())
                .apiCallAttemptTimeout(attempt)
                .apiCallTimeout(limits.timeout())
                .addExecutionInterceptor(new ResponseGuard(service, deadline)));
    Optional<String> regionName = Optional.ofNullable(region).or(() -> request.setting(REGION));
    regionName.ifPresent(name -> builder.region(Region.of(name)));
    URI endpointUri = endpoint != null ? endpoint : endpointSetting(request);
    if (endpointUri != null) {
      builder.endpointOverride(endpointUri);
    }
    builder.credentialsProvider(credentials != null ? credentials : credentialsFrom(request));
    try {
      return builder.build();
    } catch (SdkClientException e) {
      if (regionName.isEmpty()) {
        throw new ProviderException(
            "no AWS region is set: set " + REGION + " (in the environment or a .env file), region= in the"
                + " provider URI, or region(...) on the builder",
            e);
      }
      throw new ProviderException("could not configure the " + service + " client: " + e.getMessage(), e);
    }
  }

  /** Returns where {@code client} calls, for messages: {@code region eu-west-1, endpoint http://...}. */
  public static String where(SdkClient client) {
    if (!(client.serviceClientConfiguration() instanceof AwsServiceClientConfiguration configuration)) {
      return "default region";
    }
    String where = "region " + configuration.region();
    return configuration.endpointOverride().map(uri -> where + ", endpoint " + uri).orElse(where);
  }

  /**
   * Returns {@code text} as an endpoint URL, or throws naming {@code what} (a setting or an option).
   *
   * @throws IllegalArgumentException if it is not an absolute URL with a host
   */
  public static URI endpoint(String text, String what) {
    try {
      URI uri = new URI(text);
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new URISyntaxException(text, "expected an absolute URL such as https://host:port");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(what + " is not a valid endpoint URL: " + e.getMessage(), e);
    }
  }

  /**
   * Returns the {@code endpoint} option of a provider URI, or null when it has none; {@code example}
   * is the service's endpoint shown in the error.
   *
   * @throws IllegalArgumentException if the option is not an absolute URL
   */
  public static URI endpointOption(ProviderUri uri, String example) {
    Optional<String> endpoint = uri.text("endpoint");
    if (endpoint.isEmpty()) {
      return null;
    }
    try {
      return endpoint(endpoint.get(), "endpoint");
    } catch (IllegalArgumentException e) {
      throw uri.malformed("endpoint must be an absolute URL such as " + example);
    }
  }

  private URI endpointSetting(ProviderRequest request) throws ProviderException {
    for (String name : new String[] {service.endpointSetting(), ENDPOINT}) {
      Optional<String> value = request.setting(name);
      if (value.isPresent()) {
        try {
          return endpoint(value.get(), name);
        } catch (IllegalArgumentException e) {
          throw new ProviderException(e.getMessage());
        }
      }
    }
    return null;
  }

  /**
   * Returns credentials from the settings, so that a developer can keep keys in {@code .env.local},
   * else the SDK's default chain (environment, profiles, SSO, container and instance roles).
   */
  private static AwsCredentialsProvider credentialsFrom(ProviderRequest request) throws ProviderException {
    Optional<String> keyId = request.setting(ACCESS_KEY_ID);
    Optional<String> secretKey = request.setting(SECRET_ACCESS_KEY);
    if (keyId.isPresent() != secretKey.isPresent()) {
      String set = keyId.isPresent() ? ACCESS_KEY_ID : SECRET_ACCESS_KEY;
      String unset = keyId.isPresent() ? SECRET_ACCESS_KEY : ACCESS_KEY_ID;
      throw new ProviderException(
          set + " is set but " + unset + " is not; set both, or neither to use the AWS default credential chain");
    }
    if (keyId.isPresent()) {
      Optional<String> token = request.setting(SESSION_TOKEN);
      return StaticCredentialsProvider.create(
          token.isPresent()
              ? AwsSessionCredentials.create(keyId.get(), secretKey.get(), token.get())
              : AwsBasicCredentials.create(keyId.get(), secretKey.get()));
    }
    Optional<String> profile = request.setting(PROFILE);
    return profile.isPresent()
        ? DefaultCredentialsProvider.builder().profileName(profile.get()).build()
        : DefaultCredentialsProvider.builder().build();
  }

  /** Returns the region, endpoint and limits; never credentials. */
  @Override
  public String toString() {
    return "AwsClientSettings[region=" + region + ", endpoint=" + endpoint + ", " + limits + "]";
  }
}
