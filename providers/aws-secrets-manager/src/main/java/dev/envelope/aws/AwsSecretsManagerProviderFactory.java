package dev.envelope.aws;

import dev.envelope.aws.common.AwsClientSettings;
import dev.envelope.spi.EnvProvider;
import dev.envelope.spi.EnvProviderFactory;
import dev.envelope.spi.FetchLimits;
import dev.envelope.spi.ProviderUri;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creates {@link AwsSecretsManagerProvider}s from {@code aws-secretsmanager:} URIs, one secret per
 * URI: {@code aws-secretsmanager:prod/db?prefix=DATABASE_&region=eu-west-1}, {@code
 * aws-secretsmanager:prod/api-key?name=API_KEY}, {@code ...&stage=AWSPREVIOUS} or {@code
 * ...&version=<version id>}, {@code ...&endpoint=https://vpce-...}, and the limits every provider
 * knows ({@code maxAttempts}, {@code attemptTimeout}, {@code timeout}).
 *
 * <p>URIs that share a region, endpoint and limits (or name none, leaving them to {@code AWS_REGION}
 * and the default chain) become one provider, so that their secrets are read together in batches;
 * each other combination gets a provider of its own, in the order it is first named.
 */
public final class AwsSecretsManagerProviderFactory implements EnvProviderFactory {
  /** The URI scheme: {@code aws-secretsmanager}. */
  public static final String SCHEME = "aws-secretsmanager";

  private static final String EXPECTED =
      "aws-secretsmanager:SECRET_ID[?prefix=P_ or ?name=VARIABLE][&stage=S or &version=V][&region=R][&endpoint=URL]";
  private static final List<String> OPTIONS = List.of("prefix", "name", "stage", "version", "region", "endpoint");

  /** Creates the factory; {@link java.util.ServiceLoader} calls this. */
  public AwsSecretsManagerProviderFactory() {}

  @Override
  public String scheme() {
    return SCHEME;
  }

  @Override
  public List<EnvProvider> create(List<URI> uris) {
    Map<List<Object>, AwsSecretsManagerProvider.Builder> groups = new LinkedHashMap<>();
    for (URI uri : uris) {
      ProviderUri parsed = ProviderUri.parse(uri, SCHEME, EXPECTED, OPTIONS);
      String region = parsed.text("region").orElse(null);
      URI endpoint = AwsClientSettings.endpointOption(parsed, "https://secretsmanager.eu-west-1.amazonaws.com");
      FetchLimits limits = parsed.limits(FetchLimits.DEFAULT);
      AwsSecretsManagerProvider.Builder builder =
          groups.computeIfAbsent(Arrays.asList(region, endpoint, limits), key -> newBuilder(region, endpoint, limits));
      builder.secret(secret(parsed));
    }
    List<EnvProvider> providers = new ArrayList<>();
    for (AwsSecretsManagerProvider.Builder builder : groups.values()) {
      providers.add(builder.build());
    }
    return providers;
  }

  private static AwsSecretsManagerProvider.Builder newBuilder(String region, URI endpoint, FetchLimits limits) {
    AwsSecretsManagerProvider.Builder builder = AwsSecretsManagerProvider.builder().limits(limits);
    if (region != null) {
      builder.region(region);
    }
    if (endpoint != null) {
      builder.endpoint(endpoint);
    }
    return builder;
  }


  private static AwsSecret secret(ProviderUri uri) {
    String id = uri.target();
    if (id.isBlank() || id.startsWith("/")) {
      throw uri.malformed("expected the secret's name or ARN after the scheme, as in aws-secretsmanager:prod/db");
    }
    Optional<String> name = uri.text("name");
    Optional<String> prefix = uri.option("prefix");
    if (name.isPresent() && prefix.isPresent()) {
      throw uri.malformed("give either name= (the whole secret in one variable) or prefix= (a JSON secret's keys), not both");
    }
    AwsSecret secret = name.isPresent() ? AwsSecret.plain(id, name.get()) : AwsSecret.json(id);
    if (prefix.isPresent()) {
      secret = secret.withPrefix(prefix.get());
    }
    Optional<String> stage = uri.text("stage");
    if (stage.isPresent()) {
      secret = secret.withStage(stage.get());
    }
    Optional<String> version = uri.text("version");
    if (version.isPresent()) {
      secret = secret.withVersionId(version.get());
    }
    return secret;
  }

  /** Returns an option that must not be blank when given (only {@code prefix} may be empty). */
}
