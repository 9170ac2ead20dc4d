package dev.envelope.doppler;

import java.time.Duration;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/** Derives the OkHttp client a provider uses from the one the user gave, or from a shared one. */
final class HttpClients {
  private HttpClients() {}

  /**
   * One client for every provider built without one, so that they share connections and threads.
   * Its dispatcher's threads are daemons: OkHttp's default ones would keep a JVM whose work is done
   * alive for their 60 s idle time, and a CLI or a job would hang that long at its end.
   */
  private static final class Shared {
    static final OkHttpClient INSTANCE = new OkHttpClient.Builder()
        .dispatcher(new Dispatcher(new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
            new SynchronousQueue<>(), task -> {
              Thread thread = new Thread(task, "envelope-doppler-http");
              thread.setDaemon(true);
              return thread;
            })))
        .build();
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
