/** Envelope's Doppler provider, over OkHttp. */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.envelope.doppler {
  exports dev.envelope.doppler;

  requires transitive dev.envelope;
  // DopplerProvider.Builder.httpClient takes an OkHttpClient. OkHttp's jar names itself okhttp3.
  requires transitive okhttp3;
  requires com.fasterxml.jackson.core;

  provides dev.envelope.spi.EnvProviderFactory with dev.envelope.doppler.DopplerProviderFactory;
}
