package dev.envelope.aws;

import static dev.envelope.aws.Canaries.API_KEY;
import static dev.envelope.aws.Canaries.PASSWORD;
import static dev.envelope.aws.Canaries.REQUEST;
import static dev.envelope.aws.Canaries.assertNoneIn;
import static dev.envelope.aws.Canaries.printed;
import static dev.envelope.aws.Canaries.providerFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.envelope.Profile;
import dev.envelope.spi.ProviderException;
import dev.envelope.spi.ProviderRequest;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AwsSecretsManagerFailureTest {
  private FakeSecretsManager aws;

  @BeforeEach
  void start() throws Exception {
    aws = new FakeSecretsManager();
    aws.putString("prod/db", "{\"PASSWORD\":\"" + PASSWORD + "\"}");
    aws.putString("prod/api-key", API_KEY);
  }

  @AfterEach
  void stop() {
    aws.close();
  }

  private ProviderException fetchFailure(AwsSecretsManagerProvider provider) {
    ProviderException thrown = catchThrowableOfType(ProviderException.class, () -> provider.fetch(REQUEST));
    assertThat(thrown).as("fetch should fail").isNotNull();
    assertNoneIn(printed(thrown), PASSWORD, API_KEY);
    return thrown;
  }

  @Test
  void missingSecretInsideABatchNamesTheSecretAndTheErrorCode() {
    ProviderException thrown =
        fetchFailure(providerFor(aws).jsonSecret("prod/db", "").plainSecret("prod/missing", "MISSING").build());

    assertThat(thrown.getMessage())
        .isEqualTo("prod/missing: ResourceNotFoundException: Secrets Manager can't find the specified secret.;"
            + " looked in region eu-west-1, endpoint " + aws.endpoint());
    assertThat(aws.calls("BatchGetSecretValue")).isEqualTo(1);
  }

  @Test
  void everyFailingSecretOfABatchIsNamedWithItsErrorCode() {
    aws.putString("prod/locked", "locked-" + PASSWORD);
    aws.deny("prod/locked");
    aws.putString("prod/undecryptable", "undecryptable-" + PASSWORD);
    aws.failDecryption("prod/undecryptable");

    ProviderException thrown =
        fetchFailure(
            providerFor(aws)
                .plainSecret("prod/missing", "A")
                .plainSecret("prod/locked", "B")
                .plainSecret("prod/undecryptable", "C")
                .plainSecret("prod/api-key", "API_KEY")
                .build());

    assertThat(thrown.getMessage())
        .startsWith("3 problems: prod/missing: ResourceNotFoundException: ")
        .contains("; prod/locked: AccessDeniedException: User: arn:aws:iam::123456789012:user/app is not authorized")
        .contains("; prod/undecryptable: DecryptionFailure: Secrets Manager can't decrypt");
  }

  @Test
  void accessDeniedOnAPinnedVersionNamesTheSecretAndStage() {
    aws.deny("prod/api-key");

    ProviderException thrown =
        fetchFailure(providerFor(aws).secret(AwsSecret.plain("prod/api-key", "API_KEY").withStage("AWSPENDING")).build());

    assertThat(thrown.getMessage()).startsWith("prod/api-key (stage AWSPENDING): AccessDeniedException: ");
    assertThat(aws.calls("GetSecretValue")).isEqualTo(1);
  }

  @Test
  void throttlingThenSuccessIsRetriedWithinTheBound() throws Exception {
    aws.failNext(2, 400, "ThrottlingException", "Rate exceeded");

    AwsSecretsManagerProvider provider = providerFor(aws).plainSecret("prod/api-key", "API_KEY").build();

    assertThat(Canaries.values(provider.fetch(REQUEST))).containsEntry("API_KEY", API_KEY);
    assertThat(aws.calls("BatchGetSecretValue")).isEqualTo(3);
  }

  @Test
  void throttlingBeyondTheBoundFailsAfterMaxAttempts() {
    aws.failNext(10, 400, "ThrottlingException", "Rate exceeded");

    ProviderException thrown = fetchFailure(providerFor(aws).maxAttempts(2).plainSecret("prod/api-key", "API_KEY").build());

    assertThat(thrown.getMessage())
        .startsWith("Secrets Manager (region eu-west-1, endpoint " + aws.endpoint() + ") throttled the requests after 2 attempts:"
            + " ThrottlingException (HTTP 400): Rate exceeded");
    assertThat(aws.calls("BatchGetSecretValue")).isEqualTo(2);
  }

  @Test
  void internalErrorsAreRetriedThenReportedWithTheirCode() {
    aws.failNext(10, 500, "InternalServiceError", "An error occurred on the server side.");

    ProviderException thrown = fetchFailure(providerFor(aws).plainSecret("prod/api-key", "API_KEY").build());

    assertThat(thrown.getMessage())
        .contains("failed after 3 attempts: InternalServiceError (HTTP 500): An error occurred on the server side");
    assertThat(aws.calls()).hasSize(3);
  }

  @Test
  void wrongSecretKeyIsReportedAsRejectedCredentialsWithoutAnyKey() {
    String wrongKey = "wrong-secret-key-0c4e-never-print";

    ProviderException thrown =
        fetchFailure(
            providerFor(aws).credentials(Canaries.credentials(wrongKey)).plainSecret("prod/api-key", "API_KEY").build());

    assertThat(thrown.getMessage())
        .contains("rejected the AWS credentials: InvalidSignatureException (HTTP 400): The request signature we calculated")
        .contains("AWS_SECRET_ACCESS_KEY");
    assertNoneIn(printed(thrown), wrongKey);
    assertThat(aws.calls()).hasSize(1);
  }

  @Test
  void unknownAccessKeyIsReportedAsUnrecognizedClient() {
    ProviderRequest request =
        ProviderRequest.of(
            Profile.PRODUCTION,
            Set.of(),
            Map.of("AWS_ACCESS_KEY_ID", "AKIDUNKNOWN", "AWS_SECRET_ACCESS_KEY", SignatureCheck.SECRET_ACCESS_KEY));
    AwsSecretsManagerProvider provider =
        AwsSecretsManagerProvider.builder()
            .region(SignatureCheck.REGION)
            .endpoint(aws.endpoint())
            .plainSecret("prod/api-key", "API_KEY")
            .build();

    ProviderException thrown = catchThrowableOfType(ProviderException.class, () -> provider.fetch(request));

    assertThat(thrown.getMessage()).contains("rejected the AWS credentials: UnrecognizedClientException (HTTP 400)");
    assertNoneIn(printed(thrown), API_KEY);
  }

  @Test
  void halfAKeyPairInTheSettingsIsNamed() {
    ProviderRequest request =
        ProviderRequest.of(Profile.PRODUCTION, Set.of(), Map.of("AWS_SECRET_ACCESS_KEY", SignatureCheck.SECRET_ACCESS_KEY));
    AwsSecretsManagerProvider provider =
        AwsSecretsManagerProvider.builder().region("eu-west-1").endpoint(aws.endpoint()).plainSecret("prod/api-key", "K").build();

    ProviderException thrown = catchThrowableOfType(ProviderException.class, () -> provider.fetch(request));

    assertThat(thrown.getMessage()).startsWith("AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not");
    assertNoneIn(printed(thrown));
    assertThat(aws.calls()).isEmpty();
  }

  @Test
  void malformedJsonNamesTheSecretWithoutItsValue() {
    aws.putString("prod/broken", "{\"PASSWORD\": \"" + PASSWORD + "\", \"USER\": ");

    ProviderException thrown = fetchFailure(providerFor(aws).jsonSecret("prod/broken", "DATABASE_").build());

    assertThat(thrown.getMessage())
        .startsWith("prod/broken: the secret is not valid JSON, so it cannot be expanded into variables"
            + " (expected a value at the end of the text; the value is not shown)");
    assertThat(thrown.getCause()).isNull();
  }

  @Test
  void plainStringWithoutAVariableNameAsksForOne() {
    ProviderException thrown = fetchFailure(providerFor(aws).secret(AwsSecret.json("prod/api-key")).build());

    assertThat(thrown.getMessage())
        .isEqualTo("prod/api-key: the secret is a plain string, not a JSON object of keys and values; name the"
            + " variable that should hold it (name=VARIABLE in the URI, AwsSecret.plain in code)");
  }

  @Test
  void binarySecretWithoutAVariableNameAsksForOne() {
    aws.putBinary("prod/cert", new byte[] {1, 2, 3});

    ProviderException thrown = fetchFailure(providerFor(aws).secret(AwsSecret.json("prod/cert")).build());

    assertThat(thrown.getMessage()).startsWith("prod/cert: the secret is binary, so it has no JSON keys to expand");
  }

  @Test
  void nestedJsonValueIsNamedByItsKey() {
    aws.putString("prod/nested", "{\"PASSWORD\":\"" + PASSWORD + "\",\"replicas\":[\"a\",\"b\"]}");

    ProviderException thrown = fetchFailure(providerFor(aws).jsonSecret("prod/nested", "").build());

    assertThat(thrown.getMessage()).startsWith("prod/nested: key replicas holds a JSON object or array");
  }

  @Test
  void unreachableEndpointIsNamed() throws Exception {
    URI closed;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    ProviderException thrown =
        fetchFailure(
            AwsSecretsManagerProvider.builder()
                .region(SignatureCheck.REGION)
                .endpoint(closed)
                .credentials(Canaries.credentials(SignatureCheck.SECRET_ACCESS_KEY))
                .maxAttempts(1)
                .plainSecret("prod/api-key", "API_KEY")
                .build());

    assertThat(thrown.getMessage()).startsWith("could not reach Secrets Manager (region eu-west-1, endpoint " + closed + "): ");
  }
}
