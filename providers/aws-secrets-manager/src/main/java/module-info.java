/** Envelope's AWS Secrets Manager provider. */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.envelope.aws {
  exports dev.envelope.aws;

  requires transitive dev.envelope;
  // The builder takes a SecretsManagerClient and an AwsCredentialsProvider.
  requires transitive software.amazon.awssdk.services.secretsmanager;
  requires transitive software.amazon.awssdk.auth;
  requires dev.envelope.aws.common;
  requires software.amazon.awssdk.core;

  provides dev.envelope.spi.EnvProviderFactory with dev.envelope.aws.AwsSecretsManagerProviderFactory;
}
