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
   * OkHttp's own silent retry turned off so that the provider's attempts bound the requests,
   * redirects never followed (the token must not travel to another host), and connect and read
   * time-outs no longer than one attempt.
   */
  static OkHttpClient derive(OkHttpClient given, Duration attemptTimeout) {
    return (given != null ? given : Shared.INSTANCE).newBuilder()
        .retryOnConnectionFailure(false)
        .followRedirects(false)
        .followSslRedirects(false)
        .connectTimeout(attemptTimeout)
        .readTimeout(attemptTimeout)
        .build();
  }
}
