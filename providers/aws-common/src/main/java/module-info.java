/**
 * What Envelope's AWS providers share: client settings, deadlines, failure wording. Not an API:
 * exported only to the AWS provider modules.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.envelope.aws.common {
  exports dev.envelope.aws.common to dev.envelope.aws, dev.envelope.aws.parameterstore;

  requires transitive dev.envelope;
  // AwsClientSettings and AwsFailures take and return SDK builders, clients and exceptions.
  requires transitive software.amazon.awssdk.awscore;
  requires transitive software.amazon.awssdk.core;
  requires software.amazon.awssdk.auth;
  requires software.amazon.awssdk.regions;
  requires software.amazon.awssdk.http;
  requires software.amazon.awssdk.http.urlconnection;
  requires software.amazon.awssdk.protocols.jsoncore;
  requires software.amazon.awssdk.retries;
  requires software.amazon.awssdk.retries.api;
  requires software.amazon.awssdk.thirdparty.jackson.core;
}
