package dev.envelope.gcp;

import com.google.cloud.secretmanager.v1.SecretManagerServiceSettings;
import dev.envelope.spi.EnvProvider;
import dev.envelope.spi.EnvProviderFactory;
import dev.envelope.spi.FetchLimits;
import dev.envelope.spi.ProviderUri;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates {@link GcpSecretManagerProvider}s from {@code gcp-secretmanager:} URIs, one per URI: {@code
 * gcp-secretmanager:projects/my-project}, with the options {@code names=DATABASE_URL:database-url;...}
 * (the secrets of variables), {@code versions=DATABASE_URL:4;API_KEY:prod} (pinned versions or
 * aliases, by variable or JSON secret), {@code json=orders-db:DATABASE_;...} (JSON secrets and the
 * prefix of their variables), {@code only=DATABASE_URL;...} (read just these declared variables;
 * empty for none), {@code maxConcurrency=8}, {@code endpoint=host:port}, and the limit options
 * {@code maxAttempts}, {@code attemptTimeout} and {@code timeout}. Lists are separated by {@code ;},
 * since {@code ENVELOPE_PROVIDERS} separates URIs by commas.
 */
public final class GcpSecretManagerProviderFactory implements EnvProviderFactory {
  private static final String EXPECTED = "gcp-secretmanager:projects/PROJECT[?names=VARIABLE:secret-id;...][&versions=VARIABLE:4;...]";
  private static final List<String> OPTIONS = List.of("names", "versions", "json", "only", "maxConcurrency", "endpoint");

  /** Creates the factory; {@link java.util.ServiceLoader} calls this. */
  public GcpSecretManagerProviderFactory() {}

  @Override
  public String scheme() {
    return GcpSecretManagerProvider.SCHEME;
  }

  @Override
  public List<EnvProvider> create(List<URI> uris) {
    List<EnvProvider> providers = new ArrayList<>(uris.size());
    for (URI uri : uris) {
      providers.add(provider(ProviderUri.parse(uri, GcpSecretManagerProvider.SCHEME, EXPECTED, OPTIONS)));
    }
    return providers;
  }

  private static GcpSecretManagerProvider provider(ProviderUri uri) {
    String target = uri.target();
    if (!target.startsWith("projects/") || target.length() == "projects/".length()) {
      throw uri.malformed("the target must be projects/PROJECT");
    }
    GcpSecretManagerProvider.Builder builder = GcpSecretManagerProvider.builder();
    try {
      builder.project(target);
      for (Map.Entry<String, String> id : pairs(uri, "names").entrySet()) {
        builder.secret(id.getKey(), id.getValue());
      }
      for (Map.Entry<String, String> version : pairs(uri, "versions").entrySet()) {
        builder.version(version.getKey(), version.getValue());
      }
      for (Map.Entry<String, String> json : pairs(uri, "json").entrySet()) {
        builder.jsonSecret(json.getKey(), json.getValue());
      }
      uri.option("only").ifPresent(only -> builder.only(only.isEmpty() ? List.of() : List.of(only.split(";"))));
      uri.positiveInt("maxConcurrency").ifPresent(builder::maxConcurrency);
      builder.limits(uri.limits(FetchLimits.DEFAULT));
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("Malformed provider URI")) {
        throw e;
      }
      throw uri.malformed(e.getMessage());
    }
    uri.option("endpoint").ifPresent(endpoint -> builder.clientSettings(settingsFor(uri, endpoint)));
    return builder.build();
  }

  /**
   * Returns the option {@code name} as {@code key:value} pairs separated by {@code ;}; a pair without a
   * {@code :} has an empty value (a JSON secret without prefix).
   */
  private static Map<String, String> pairs(ProviderUri uri, String name) {
    Map<String, String> pairs = new LinkedHashMap<>();
    String option = uri.option(name).orElse("");
    if (option.isEmpty()) {
      return pairs;
    }
    for (String pair : option.split(";")) {
      int colon = pair.indexOf(':');
      String key = colon < 0 ? pair : pair.substring(0, colon);
      String value = colon < 0 ? "" : pair.substring(colon + 1);
      if (key.isEmpty() || (value.isEmpty() && !name.equals("json"))) {
        throw uri.malformed(name + "= takes KEY:VALUE pairs separated by ';', not '" + pair + "'");
      }
      if (pairs.put(key, value) != null) {
        throw uri.malformed(name + "= names " + key + " twice");
      }
    }
    return pairs;
  }

  private static SecretManagerServiceSettings settingsFor(ProviderUri uri, String endpoint) {
    if (!endpoint.matches("[A-Za-z0-9.-]+:[0-9]{1,5}")) {
      throw uri.malformed("endpoint must be host:port, such as secretmanager.googleapis.com:443");
    }
    try {
      return SecretManagerServiceSettings.newBuilder().setEndpoint(endpoint).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
