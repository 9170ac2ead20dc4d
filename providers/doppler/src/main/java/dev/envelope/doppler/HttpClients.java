package dev.envelope.doppler;

import java.time.Duration;
import okhttp3.OkHttpClient;

/** Derives the OkHttp client a provider uses from the one the user gave, or from a shared one. */
final class HttpClients {
  private HttpClients() {}

  /** One client for every provider built without one, so that they share connections and threads. */
  private static final class Shared {
    static final OkHttpClient INSTANCE = new OkHttpClient();
  }

  /**
   * Returns a client that shares {@code given}'s (or the shared client's) pool and dispatcher, with
   * OkHttp's own silent retry turned off so that the provider's retry count bounds the requests.
   * Timeouts left null keep {@code given}'s, or take the defaults (connect 5 s, read 10 s) when no
   * client was given.
   */
  static OkHttpClient derive(OkHttpClient given, Duration connectTimeout, Duration readTimeout) {
    OkHttpClient.Builder http = (given != null ? given : Shared.INSTANCE).newBuilder();
    http.retryOnConnectionFailure(false);
    if (connectTimeout != null) {
      http.connectTimeout(connectTimeout);
    } else if (given == null) {
      http.connectTimeout(Duration.ofSeconds(5));
    }
    if (readTimeout != null) {
      http.readTimeout(readTimeout);
    } else if (given == null) {
      http.readTimeout(Duration.ofSeconds(10));
    }
    return http.build();
  }
}
