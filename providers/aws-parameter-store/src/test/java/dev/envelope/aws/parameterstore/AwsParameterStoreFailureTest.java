package dev.envelope.aws.parameterstore;

import static dev.envelope.aws.parameterstore.Fixtures.API_KEY;
import static dev.envelope.aws.parameterstore.Fixtures.PASSWORD;
import static dev.envelope.aws.parameterstore.Fixtures.REQUEST;
import static dev.envelope.aws.parameterstore.Fixtures.assertNoneIn;
import static dev.envelope.aws.parameterstore.Fixtures.printed;
import static dev.envelope.aws.parameterstore.Fixtures.providerFor;
import static dev.envelope.aws.parameterstore.Fixtures.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.envelope.Profile;
import dev.envelope.aws.testing.SignatureCheck;
import dev.envelope.spi.ProviderException;
import dev.envelope.spi.ProviderRequest;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AwsParameterStoreFailureTest {
  private FakeParameterStore ssm;

  @BeforeEach
  void start() throws Exception {
    ssm = new FakeParameterStore();
    ssm.secure("/app/prod/db/password", PASSWORD).secure("/shared/api-key", API_KEY);
  }

  @AfterEach
  void stop() {
    ssm.close();
  }

  private ProviderException fetchFailure(AwsParameterStoreProvider provider) {
    ProviderException thrown = catchThrowableOfType(ProviderException.class, () -> provider.fetch(REQUEST));
    assertThat(thrown).as("fetch should fail").isNotNull();
    assertNoneIn(printed(thrown), PASSWORD, API_KEY);
    return thrown;
  }

  @Test
  void invalidParametersAreNamedWithTheRegion() {
    ProviderException thrown =
        fetchFailure(
            providerFor(ssm).parameter("/shared/api-key").parameter("/shared/missing").parameter("/shared/api-key:9", "OLD").build());

    assertThat(thrown.getMessage())
        .isEqualTo("2 problems: /shared/missing: Parameter Store lists it among InvalidParameters: no such parameter in"
            + " region eu-west-1, endpoint " + ssm.endpoint() + "; /shared/api-key:9: Parameter Store lists it among"
            + " InvalidParameters: no such parameter, version or label in region eu-west-1, endpoint " + ssm.endpoint());
    assertThat(ssm.calls("GetParameters")).isEqualTo(1);
  }

  @Test
  void accessDeniedOnAPathNamesThePathAndTheActionWithoutRetrying() {
    ssm.denyPath("/app/prod");

    ProviderException thrown = fetchFailure(providerFor(ssm).path("/app/prod/").build());

    assertThat(thrown.getMessage())
        .isEqualTo("/app/prod/: AccessDeniedException: User: arn:aws:iam::123456789012:user/app is not authorized to"
            + " perform: ssm:GetParametersByPath on resource: arn:aws:ssm:eu-west-1:123456789012:parameter/app/prod;"
            + " allow ssm:GetParametersByPath on this path");
    assertThat(ssm.calls()).hasSize(1);
  }

  @Test
  void deniedDecryptionNamesKmsDecrypt() {
    ssm.denyDecryption("/shared/api-key");

    ProviderException thrown = fetchFailure(providerFor(ssm).parameter("/shared/api-key").build());

    assertThat(thrown.getMessage())
        .startsWith("/shared/api-key: AccessDeniedException: User: arn:aws:iam::123456789012:user/app is not authorized"
            + " to perform: kms:Decrypt on resource: ")
        .endsWith("; allow kms:Decrypt on the KMS key of its SecureString parameters");
    assertThat(ssm.calls()).hasSize(1);
  }

  @Test
  void everyFailingSelectionIsReportedAtOnce() {
    ssm.denyPath("/app/prod");

    ProviderException thrown = fetchFailure(providerFor(ssm).path("/app/prod/").path("/app/empty/").parameter("/nope").build());

    assertThat(thrown.getMessage())
        .startsWith("3 problems: /app/prod/: AccessDeniedException: ")
        .contains("; /app/empty/: no parameters under this path in region eu-west-1")
        .contains("; /nope: Parameter Store lists it among InvalidParameters");
  }

  @Test
  void twoParametersThatBecomeOneVariableAreAProblemNamingBoth() {
    ssm.string("/app/prod/db-password", "other-" + PASSWORD);

    ProviderException thrown = fetchFailure(providerFor(ssm).path("/app/prod/").build());

    assertThat(thrown.getMessage())
        .isEqualTo("/app/prod/: /app/prod/db/password and /app/prod/db-password both become DB_PASSWORD; rename one of them");
  }

  @Test
  void throttlingThenSuccessIsRetriedWithinTheBound() throws Exception {
    ssm.failNext(2, 400, "ThrottlingException", "Rate exceeded");

    assertThat(values(providerFor(ssm).path("/app/prod/").build().fetch(REQUEST))).containsEntry("DB_PASSWORD", PASSWORD);
    assertThat(ssm.calls("GetParametersByPath")).isEqualTo(3);
  }

  @Test
  void throttlingBeyondTheBoundFailsAfterMaxAttemptsSayingSo() {
    ssm.failNext(10, 400, "ThrottlingException", "Rate exceeded");

    ProviderException thrown = fetchFailure(providerFor(ssm).maxAttempts(2).path("/app/prod/").build());

    assertThat(thrown.getMessage())
        .isEqualTo("throttled by Parameter Store (region eu-west-1, endpoint " + ssm.endpoint() + ") after 2 attempts:"
            + " ThrottlingException (HTTP 400): Rate exceeded. Load less often, or ask AWS for a higher quota");
    assertThat(ssm.calls()).hasSize(2);
  }

  @Test
  void wrongSecretKeyIsReportedAsRejectedCredentialsWithoutAnyKey() {
    String wrongKey = "wrong-ps-secret-key-66aa-never-print";

    ProviderException thrown =
        fetchFailure(providerFor(ssm).credentials(Fixtures.credentials(wrongKey)).path("/app/prod/").build());

    assertThat(thrown.getMessage())
        .contains("Parameter Store (region eu-west-1, endpoint " + ssm.endpoint() + ") rejected the AWS credentials:"
            + " InvalidSignatureException (HTTP 400)");
    assertNoneIn(printed(thrown), wrongKey);
    assertThat(ssm.calls()).hasSize(1);
  }

  @Test
  void halfAKeyPairInTheSettingsIsNamedBeforeAnyCall() {
    ProviderRequest request =
        ProviderRequest.of(Profile.PRODUCTION, Set.of(), Map.of("AWS_ACCESS_KEY_ID", SignatureCheck.ACCESS_KEY_ID));
    AwsParameterStoreProvider provider =
        AwsParameterStoreProvider.builder().region("eu-west-1").endpoint(ssm.endpoint()).path("/app/prod/").build();

    ProviderException thrown = catchThrowableOfType(ProviderException.class, () -> provider.fetch(request));

    assertThat(thrown.getMessage()).startsWith("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not");
    assertThat(ssm.calls()).isEmpty();
  }

  @Test
  void malformedEndpointSettingIsNamed() {
    ProviderRequest request =
        ProviderRequest.of(Profile.PRODUCTION, Set.of(), Map.of("AWS_REGION", "eu-west-1", "AWS_ENDPOINT_URL_SSM", "localhost"));
    AwsParameterStoreProvider provider = AwsParameterStoreProvider.builder().path("/app/prod/").build();

    ProviderException thrown = catchThrowableOfType(ProviderException.class, () -> provider.fetch(request));

    assertThat(thrown.getMessage()).startsWith("AWS_ENDPOINT_URL_SSM is not a valid endpoint URL: ");
  }
}
