package dev.envelope.kubernetes;

import dev.envelope.spi.ProviderException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * Holds the one {@link HttpClient} a provider uses for its whole life, so that live config that
 * refreshes every minute for months keeps one connection pool and one selector thread. The client
 * is built at the first fetch and again only when the cluster CA file changes (the CA is rotated),
 * since a JDK client's trust is fixed when it is built. Thread-safe.
 */
final class ApiClient {
  private final Path caFile;
  private final Duration connectTimeout;
  private Built built;

  private record Built(boolean tls, byte[] ca, HttpClient client) {}

  ApiClient(Path caFile, Duration connectTimeout) {
    this.caFile = caFile;
    this.connectTimeout = connectTimeout;
  }

  /**
   * Returns the client for {@code server}: trusting exactly the service account's CA for {@code
   * https}, plain for {@code http}. Redirects are never followed: the token must not travel to a
   * host the provider was not given.
   *
   * @throws ProviderException if the CA file cannot be read or holds no certificate
   */
  synchronized HttpClient forServer(URI server) throws ProviderException {
    boolean tls = "https".equalsIgnoreCase(server.getScheme());
    byte[] ca = tls ? readCa() : null;
    if (built == null || built.tls() != tls || !Arrays.equals(built.ca(), ca)) {
      HttpClient.Builder client =
          HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER);
      if (tls) {
        client.sslContext(ServiceAccountTrust.trusting(caFile));
      }
      built = new Built(tls, ca, client.build());
    }
    return built.client();
  }

  private byte[] readCa() throws ProviderException {
    try {
      return Files.readAllBytes(caFile);
    } catch (IOException e) {
      // ServiceAccountTrust words the failure; the CA is not cached, so the next fetch tries again.
      ServiceAccountTrust.trusting(caFile);
      throw new ProviderException("the cluster CA file " + caFile + " cannot be read (" + e.getClass().getSimpleName() + ")", e);
    }
  }
}
