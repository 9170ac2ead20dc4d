package dev.envelope.spi;

import java.net.URI;
import java.util.List;

/**
 * Creates providers from URIs, so that a deployment can choose its secret stores without a code
 * change: {@code ENVELOPE_PROVIDERS=doppler:api/prd,aws-secretsmanager:prod/db?prefix=DATABASE_}.
 *
 * <p>Factories are found with {@link java.util.ServiceLoader} (list the class in {@code
 * META-INF/services/dev.envelope.spi.EnvProviderFactory}) and chosen by {@link #scheme()}. A factory
 * receives every URI of its scheme at once, in the order listed, so that it can combine them (AWS
 * Secrets Manager batches up to 20 secrets a call).
 */
public interface EnvProviderFactory {
  /** Returns the URI scheme this factory handles, for example {@code doppler}. */
  String scheme();

  /**
   * Returns the providers for {@code uris}, all of this factory's scheme. The providers keep the
   * relative order of the URIs in precedence.
   *
   * @throws IllegalArgumentException if a URI is malformed for this scheme; the message names it and
   *     says what is expected
   */
  List<EnvProvider> create(List<URI> uris);
}
