package dev.envelope.aws;

import dev.envelope.spi.ProviderException;
import dev.envelope.spi.ProviderRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * Builds the {@link SecretsManagerClient} of one fetch from the provider's builder options, then the
 * request's settings ({@code AWS_REGION}, {@code AWS_ENDPOINT_URL_SECRETS_MANAGER}, ...), then the
 * SDK's default chains, in that order. Immutable.
 */
record ClientSettings(String region, URI endpoint, AwsCredentialsProvider credentials, int maxAttempts) {
  static final String REGION = "AWS_REGION";
  static final String SERVICE_ENDPOINT = "AWS_ENDPOINT_URL_SECRETS_MANAGER";
  static final String ENDPOINT = "AWS_ENDPOINT_URL";
  static final String ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
  static final String SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
  static final String SESSION_TOKEN = "AWS_SESSION_TOKEN";
  static final String PROFILE = "AWS_PROFILE";

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(10);

  /**
   * Returns a new client for {@code request}; the caller closes it.
   *
   * @throws ProviderException if a setting is malformed or no region can be found
   */
  SecretsManagerClient open(ProviderRequest request) throws ProviderException {
    SecretsManagerClientBuilder builder =
        SecretsManagerClient.builder()
            .httpClient(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(CONNECT_TIMEOUT)
                    .socketTimeout(SOCKET_TIMEOUT)
                    .build())
            .overrideConfiguration(
                o -> o.retryStrategy(
                    AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(maxAttempts).build()));
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
      throw new ProviderException("could not configure the Secrets Manager client: " + e.getMessage(), e);
    }
  }

  private static URI endpointSetting(ProviderRequest request) throws ProviderException {
    for (String name : new String[] {SERVICE_ENDPOINT, ENDPOINT}) {
      Optional<String> value = request.setting(name);
      if (value.isPresent()) {
        try {
          URI uri = new URI(value.get());
          if (uri.getScheme() == null || uri.getHost() == null) {
            throw new URISyntaxException(value.get(), "expected an absolute URL such as https://host:port");
          }
          return uri;
        } catch (URISyntaxException e) {
          throw new ProviderException(name + " is not a valid endpoint URL: " + e.getMessage());
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
      throw new ProviderException(set + " is set but " + unset + " is not; set both, or neither to use the AWS default credential chain");
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

  /** Returns the region and endpoint for messages, without credentials. */
  @Override
  public String toString() {
    return "ClientSettings[region=" + region + ", endpoint=" + endpoint + ", maxAttempts=" + maxAttempts + "]";
  }
}
