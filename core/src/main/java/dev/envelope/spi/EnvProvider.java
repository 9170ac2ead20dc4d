package dev.envelope.spi;

/**
 * Supplies variables from a secret store or other source: Doppler, AWS Secrets Manager, a directory
 * of mounted secrets, ...
 *
 * <p>Envelope calls {@link #fetch} once per load, on a thread of its own and concurrently with the
 * other providers, and places the entries between the process environment and the {@code .env}
 * files in precedence. Implementations are immutable and thread-safe; credentials are read in
 * {@code fetch} through {@link ProviderRequest#setting(String)}, not captured at construction, so
 * that a developer can keep a token in {@code .env.local}.
 */
public interface EnvProvider {
  /**
   * Returns a short name for people, used in origins and problems, for example {@code doppler
   * api/prd} or {@code k8s-mount /var/run/secrets/app}. Never contains a credential.
   */
  String name();

  /**
   * Returns the provider's entries for this load.
   *
   * <p>Throw {@link ProviderException} with a message that says what failed and how to fix it
   * ("Doppler rejected the token (401): ..."); any other exception is reported with its type and
   * message. Either way the load fails with a {@code PROVIDER} problem naming this provider. Messages
   * must never contain a credential or a secret value.
   *
   * @throws Exception if the provider cannot be read; the load then fails
   */
  ProviderSnapshot fetch(ProviderRequest request) throws Exception;

  /**
   * Starts telling {@code changed} when the provider's content may have changed, for live
   * configuration: a mounted directory watched for the kubelet's swap, for example. Envelope then
   * refreshes at once instead of at the next interval. Returns what stops the watch, called when
   * the live configuration closes. By default a provider has no such signal and is polled.
   *
   * @throws Exception if the watch cannot start; the provider is then polled
   */
  default AutoCloseable watch(ProviderRequest request, Runnable changed) throws Exception {
    return null;
  }
}
