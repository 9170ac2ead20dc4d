/**
 * Envelope's Kubernetes providers: secrets mounted as files and Secrets read
 * from the API server.
 */
module dev.envelope.kubernetes {
  exports dev.envelope.kubernetes;

  requires transitive dev.envelope;
  requires com.fasterxml.jackson.core;
  requires java.net.http;

  provides dev.envelope.spi.EnvProviderFactory with
      dev.envelope.kubernetes.MountedSecretsProviderFactory,
      dev.envelope.kubernetes.KubernetesSecretProviderFactory;
}
