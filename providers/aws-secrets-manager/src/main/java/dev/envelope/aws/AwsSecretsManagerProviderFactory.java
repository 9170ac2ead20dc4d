package dev.envelope.aws;

import dev.envelope.spi.EnvProvider;
import dev.envelope.spi.EnvProviderFactory;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Creates {@link AwsSecretsManagerProvider}s from {@code aws-secretsmanager:} URIs, one secret per
 * URI: {@code aws-secretsmanager:prod/db?prefix=DATABASE_&region=eu-west-1}, {@code
 * aws-secretsmanager:prod/api-key?name=API_KEY}, {@code ...&stage=AWSPREVIOUS} or {@code
 * ...&version=<version id>}, {@code ...&endpoint=https://vpce-...}.
 *
 * <p>URIs that share a region and endpoint (or name none, leaving them to {@code AWS_REGION} and the
 * default chain) become one provider, so that their secrets are read together in batches; each
 * other region or endpoint gets a provider of its own, in the order it is first named.
 */
public final class AwsSecretsManagerProviderFactory implements EnvProviderFactory {
  /** The URI scheme: {@code aws-secretsmanager}. */
  public static final String SCHEME = "aws-secretsmanager";

  private static final List<String> PARAMETERS = List.of("prefix", "name", "stage", "version", "region", "endpoint");

  /** Creates the factory; {@link java.util.ServiceLoader} calls this. */
  public AwsSecretsManagerProviderFactory() {}

  @Override
  public String scheme() {
    return SCHEME;
  }

  @Override
  public List<EnvProvider> create(List<URI> uris) {
    Map<List<String>, AwsSecretsManagerProvider.Builder> groups = new LinkedHashMap<>();
    for (URI uri : uris) {
      Map<String, String> parameters = parameters(uri);
      String region = parameters.get("region");
      String endpoint = parameters.get("endpoint");
      AwsSecretsManagerProvider.Builder builder =
          groups.computeIfAbsent(
              Arrays.asList(region, endpoint), key -> newBuilder(uri, region, endpoint));
      builder.secret(secret(uri, parameters));
    }
    List<EnvProvider> providers = new ArrayList<>();
    for (AwsSecretsManagerProvider.Builder builder : groups.values()) {
      providers.add(builder.build());
    }
    return providers;
  }

  private static AwsSecretsManagerProvider.Builder newBuilder(URI uri, String region, String endpoint) {
    AwsSecretsManagerProvider.Builder builder = AwsSecretsManagerProvider.builder();
    if (region != null) {
      builder.region(region);
    }
    if (endpoint != null) {
      URI endpointUri = URI.create(endpoint);
      if (endpointUri.getScheme() == null || endpointUri.getHost() == null) {
        throw invalid(uri, "endpoint must be an absolute URL such as https://secretsmanager.eu-west-1.amazonaws.com");
      }
      builder.endpoint(endpointUri);
    }
    return builder;
  }

  private static AwsSecret secret(URI uri, Map<String, String> parameters) {
    String id = id(uri);
    String name = parameters.get("name");
    String prefix = parameters.get("prefix");
    if (name != null && prefix != null) {
      throw invalid(uri, "give either name= (the whole secret in one variable) or prefix= (a JSON secret's keys), not both");
    }
    AwsSecret secret = name != null ? AwsSecret.plain(id, name) : AwsSecret.json(id);
    if (prefix != null) {
      secret = secret.withPrefix(prefix);
    }
    if (parameters.containsKey("stage")) {
      secret = secret.withStage(parameters.get("stage"));
    }
    if (parameters.containsKey("version")) {
      secret = secret.withVersionId(parameters.get("version"));
    }
    return secret;
  }

  private static String id(URI uri) {
    String part = Objects.requireNonNullElse(uri.getRawSchemeSpecificPart(), "");
    int query = part.indexOf('?');
    String id = decode(query < 0 ? part : part.substring(0, query));
    if (id.isBlank() || id.startsWith("/")) {
      throw invalid(uri, "expected the secret's name or ARN after the scheme, as in aws-secretsmanager:prod/db");
    }
    return id;
  }

  private static Map<String, String> parameters(URI uri) {
    if (!SCHEME.equalsIgnoreCase(uri.getScheme())) {
      throw invalid(uri, "the scheme must be " + SCHEME);
    }
    String part = Objects.requireNonNullElse(uri.getRawSchemeSpecificPart(), "");
    int query = part.indexOf('?');
    Map<String, String> parameters = new LinkedHashMap<>();
    if (query < 0) {
      return parameters;
    }
    for (String pair : part.substring(query + 1).split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String key = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      if (!PARAMETERS.contains(key)) {
        throw invalid(uri, "unknown parameter '" + key + "'; known: " + String.join(", ", PARAMETERS));
      }
      if (value.isBlank() && !key.equals("prefix")) {
        throw invalid(uri, "parameter '" + key + "' needs a value");
      }
      if (parameters.put(key, value) != null) {
        throw invalid(uri, "parameter '" + key + "' is given twice");
      }
    }
    return parameters;
  }

  private static String decode(String text) {
    // '+' is a literal plus in a secret name, not a space.
    return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static IllegalArgumentException invalid(URI uri, String why) {
    return new IllegalArgumentException("invalid provider URI " + uri + ": " + why);
  }
}
