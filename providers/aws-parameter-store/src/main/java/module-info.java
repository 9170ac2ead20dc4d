/** Envelope's AWS Systems Manager Parameter Store provider. */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.envelope.aws.parameterstore {
  exports dev.envelope.aws.parameterstore;

  requires transitive dev.envelope;
  // The builder takes an SsmClient and an AwsCredentialsProvider.
  requires transitive software.amazon.awssdk.services.ssm;
  requires transitive software.amazon.awssdk.auth;
  requires dev.envelope.aws.common;
  requires software.amazon.awssdk.core;

  provides dev.envelope.spi.EnvProviderFactory with
      dev.envelope.aws.parameterstore.AwsParameterStoreProviderFactory;
}
