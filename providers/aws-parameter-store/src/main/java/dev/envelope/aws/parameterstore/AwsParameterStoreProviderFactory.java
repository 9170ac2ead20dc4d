package dev.envelope.aws.parameterstore;

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
 * Creates {@link AwsParameterStoreProvider}s from {@code aws-parameterstore:} URIs: a path ends with
 * {@code /} ({@code aws-parameterstore:/app/prod/}, optionally {@code ?prefix=APP_}), anything else
 * is one parameter by name ({@code aws-parameterstore:/shared/api-key:3?name=API_KEY}); both take
 * {@code region}, {@code endpoint} and the limits every provider knows ({@code maxAttempts}, {@code
 * attemptTimeout}, {@code timeout}).
 *
 * <p>URIs that share a region, endpoint and limits become one provider, so that their names are read
 * together, ten a call; each other combination gets a provider of its own, in the order it is first
 * named.
 */
public final class AwsParameterStoreProviderFactory implements EnvProviderFactory {
  /** The URI scheme: {@code aws-parameterstore}, as Spring Cloud AWS names it. */
  public static final String SCHEME = "aws-parameterstore";

  private static final String EXPECTED =
      "aws-parameterstore:/PATH/[?prefix=P_] or aws-parameterstore:/NAME[:VERSION or :LABEL][?name=VARIABLE],"
          + " with &region=R and &endpoint=URL";
  private static final List<String> OPTIONS = List.of("prefix", "name", "region", "endpoint");

  /** Creates the factory; {@link java.util.ServiceLoader} calls this. */
  public AwsParameterStoreProviderFactory() {}

  @Override
  public String scheme() {
    return SCHEME;
  }

  @Override
  public List<EnvProvider> create(List<URI> uris) {
    Map<List<Object>, AwsParameterStoreProvider.Builder> groups = new LinkedHashMap<>();
    for (URI uri : uris) {
      ProviderUri parsed = ProviderUri.parse(uri, SCHEME, EXPECTED, OPTIONS);
      String region = parsed.text("region").orElse(null);
      URI endpoint = AwsClientSettings.endpointOption(parsed, "https://ssm.eu-west-1.amazonaws.com");
      FetchLimits limits = parsed.limits(FetchLimits.DEFAULT);
      AwsParameterStoreProvider.Builder builder =
          groups.computeIfAbsent(Arrays.asList(region, endpoint, limits), key -> newBuilder(region, endpoint, limits));
      select(parsed, builder);
    }
    List<EnvProvider> providers = new ArrayList<>();
    for (AwsParameterStoreProvider.Builder builder : groups.values()) {
      providers.add(builder.build());
    }
    return providers;
  }

  private static void select(ProviderUri uri, AwsParameterStoreProvider.Builder builder) {
    String target = uri.target();
    if (target.isEmpty() && uri.uri().getRawSchemeSpecificPart().startsWith("/")) {
      target = "/";
    }
    if (!target.startsWith("/") && !target.startsWith("arn:")) {
      throw uri.malformed("expected a path such as /app/prod/ or a parameter name such as /app/prod/api-key");
    }
    Optional<String> prefix = uri.option("prefix");
    Optional<String> name = uri.text("name");
    try {
      if (target.endsWith("/")) {
        if (name.isPresent()) {
          throw uri.malformed("name= names the variable of one parameter; a path (ending with /) takes prefix=");
        }
        builder.path(target, prefix.orElse(""));
      } else {
        if (prefix.isPresent()) {
          throw uri.malformed("prefix= applies to a path (ending with /); one parameter takes name=VARIABLE");
        }
        builder.parameter(target, name.orElse(""));
      }
    } catch (IllegalArgumentException e) {
      if (e.getMessage().startsWith("Malformed provider URI")) {
        throw e;
      }
      throw uri.malformed(e.getMessage());
    }
  }

  private static AwsParameterStoreProvider.Builder newBuilder(String region, URI endpoint, FetchLimits limits) {
    AwsParameterStoreProvider.Builder builder = AwsParameterStoreProvider.builder().limits(limits);
    if (region != null) {
      builder.region(region);
    }
    if (endpoint != null) {
      builder.endpoint(endpoint);
    }
    return builder;
  }


  /** Returns an option that must not be blank when given (only {@code prefix} may be empty). */
}
