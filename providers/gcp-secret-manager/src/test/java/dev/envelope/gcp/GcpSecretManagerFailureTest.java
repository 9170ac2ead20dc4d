package dev.envelope.gcp;

import static dev.envelope.gcp.Canaries.API_KEY;
import static dev.envelope.gcp.Canaries.DATABASE_URL;
import static dev.envelope.gcp.Canaries.assertNoCanaryIn;
import static dev.envelope.gcp.Canaries.declaring;
import static dev.envelope.gcp.Canaries.printed;
import static dev.envelope.gcp.Canaries.providerFor;
import static dev.envelope.gcp.Canaries.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

import com.google.api.gax.rpc.FixedHeaderProvider;
import com.google.cloud.secretmanager.v1.SecretManagerServiceSettings;
import dev.envelope.spi.ProviderException;
import dev.envelope.spi.ProviderRequest;
import dev.envelope.spi.ProviderSnapshot;
import io.grpc.Status;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GcpSecretManagerFailureTest {
  private static final String WRONG_TOKEN = "canary-wrong-token-a7e3";

  private FakeSecretManager gcp;

  @BeforeEach
  void start() {
    gcp = new FakeSecretManager();
    gcp.put("DATABASE_URL", DATABASE_URL);
    gcp.put("API_KEY", API_KEY);
  }

  @AfterEach
  void stop() {
    gcp.close();
  }

  private static ProviderException fetchFailure(GcpSecretManagerProvider provider, ProviderRequest request) {
    ProviderException thrown = catchThrowableOfType(ProviderException.class, () -> provider.fetch(request));
    assertThat(thrown).as("fetch should fail").isNotNull();
    assertNoCanaryIn(printed(thrown));
    return thrown;
  }

  @Test
  void permissionDeniedNamesTheSecretAndTheRoleToGrant() {
    gcp.deny("API_KEY");

    ProviderException thrown = fetchFailure(providerFor(gcp).build(), declaring("API_KEY", "DATABASE_URL"));

    assertThat(thrown.getMessage())
        .isEqualTo("API_KEY: permission denied (PERMISSION_DENIED: Permission 'secretmanager.versions.access' denied"
            + " for resource 'projects/my-project/secrets/API_KEY/versions/latest' (or it may not exist));"
            + " grant the caller roles/secretmanager.secretAccessor on the secret or on project my-project");
  }

  @Test
  void disabledVersionIsAProblemNamingTheVersion() {
    int version = gcp.put("API_KEY", "canary-disabled-key");
    gcp.setState("API_KEY", version, FakeSecretManager.State.DISABLED);

    ProviderException thrown = fetchFailure(providerFor(gcp).build(), declaring("API_KEY"));

    assertThat(thrown.getMessage())
        .isEqualTo("API_KEY: the version is disabled (FAILED_PRECONDITION: Secret Version"
            + " [projects/123456789012/secrets/API_KEY/versions/2] is in DISABLED state); enable it, or pin another version");
  }

  @Test
  void destroyedPinnedVersionIsAProblemNamingTheVersion() {
    gcp.setState("API_KEY", 1, FakeSecretManager.State.DESTROYED);

    ProviderException thrown = fetchFailure(providerFor(gcp).version("API_KEY", "1").build(), declaring("API_KEY"));

    assertThat(thrown.getMessage())
        .isEqualTo("API_KEY (version 1): the version is destroyed (FAILED_PRECONDITION: Secret Version"
            + " [projects/123456789012/secrets/API_KEY/versions/1] is in DESTROYED state); pin another version");
  }

  @Test
  void missingPinnedVersionOrAliasIsAProblemRatherThanAnAbsentVariable() {
    ProviderException thrown =
        fetchFailure(providerFor(gcp).version("API_KEY", "9").version("DATABASE_URL", "prod").build(), declaring("API_KEY", "DATABASE_URL"));

    assertThat(thrown.getMessage())
        .isEqualTo("2 secrets failed: API_KEY (version 9): not found in project my-project (NOT_FOUND: Secret Version"
            + " [projects/123456789012/secrets/API_KEY/versions/9] not found); DATABASE_URL (alias prod): not found in"
            + " project my-project (NOT_FOUND: Secret Version [projects/123456789012/secrets/DATABASE_URL/versions/prod] not found)");
  }

  @Test
  void missingJsonSecretIsAProblem() {
    ProviderException thrown = fetchFailure(providerFor(gcp).jsonSecret("orders-db", "DATABASE_").build(), declaring());

    assertThat(thrown.getMessage())
        .isEqualTo("orders-db: not found in project my-project (NOT_FOUND: Secret"
            + " [projects/123456789012/secrets/orders-db] not found or has no versions)");
  }

  @Test
  void checksumMismatchIsAProblemAndTheValueIsNotUsed() {
    gcp.corruptChecksum("API_KEY");

    ProviderException thrown = fetchFailure(providerFor(gcp).build(), declaring("API_KEY", "DATABASE_URL"));

    assertThat(thrown.getMessage())
        .isEqualTo("API_KEY: version 1: the payload does not match its CRC32C checksum (data_crc32c),"
            + " so it was corrupted on the way; the value is not used");
  }

  @Test
  void payloadThatIsNotUtf8IsAProblem() {
    gcp.putBytes("TLS_KEY", new byte[] {(byte) 0xC3, (byte) 0x28, 'c', 'a', 'n', 'a', 'r', 'y'});

    ProviderException thrown = fetchFailure(providerFor(gcp).build(), declaring("TLS_KEY"));

    assertThat(thrown.getMessage())
        .isEqualTo("TLS_KEY: version 1: the payload is not UTF-8 text, and variables are text; store it as text"
            + " (base64 for binary data)");
  }

  @Test
  void unavailableIsRetriedAndThenSucceeds() throws Exception {
    gcp.failNext("API_KEY", Status.UNAVAILABLE.withDescription("The service is currently unavailable"), 2);

    ProviderSnapshot snapshot = providerFor(gcp).build().fetch(declaring("API_KEY"));

    assertThat(values(snapshot)).containsExactly(entry("API_KEY", API_KEY));
    assertThat(gcp.requested()).hasSize(3);
  }

  @Test
  void unavailableOnEveryAttemptNamesTheAttemptsAndTheStatus() {
    gcp.failNext("API_KEY", Status.UNAVAILABLE.withDescription("The service is currently unavailable"), 5);

    ProviderException thrown = fetchFailure(providerFor(gcp).maxAttempts(2).build(), declaring("API_KEY"));

    assertThat(thrown.getMessage())
        .isEqualTo("API_KEY: Secret Manager (" + gcp.endpoint() + ") did not answer in 2 attempts"
            + " (UNAVAILABLE: The service is currently unavailable)");
    assertThat(gcp.requested()).hasSize(2);
  }

  @Test
  void attemptThatOutlastsTheAttemptTimeoutIsAbandonedAndRetried() {
    gcp.hang("API_KEY");

    ProviderException thrown =
        fetchFailure(
            providerFor(gcp).maxAttempts(2).attemptTimeout(Duration.ofMillis(200)).timeout(Duration.ofSeconds(20)).build(),
            declaring("API_KEY"));

    assertThat(thrown.getMessage())
        .startsWith("API_KEY: Secret Manager (" + gcp.endpoint() + ") did not answer in 2 attempts (DEADLINE_EXCEEDED: ");
    assertThat(gcp.requested()).hasSize(2);
  }

  @Test
  void theFetchTimeoutBoundsTheAttemptsTogether() {
    gcp.hang("API_KEY");

    ProviderException thrown =
        fetchFailure(
            providerFor(gcp).maxAttempts(3).attemptTimeout(Duration.ofMillis(500)).timeout(Duration.ofMillis(500)).build(),
            declaring("API_KEY"));

    // The one attempt used the whole fetch timeout, so no backoff could fit before a second one.
    assertThat(thrown.getMessage())
        .startsWith("API_KEY: Secret Manager (" + gcp.endpoint() + ") did not answer (DEADLINE_EXCEEDED: ");
    assertThat(gcp.requested()).hasSize(1);
  }

  @Test
  void retryDelayBeyondTheTimeoutEndsTheFetchWithTheServicesAnswer() {
    gcp.failNext("API_KEY", Status.RESOURCE_EXHAUSTED.withDescription("Quota exceeded for quota metric 'Access requests'"), 5);
    gcp.askToRetryAfter("API_KEY", 3600);

    ProviderException thrown = fetchFailure(providerFor(gcp).build(), declaring("API_KEY"));

    assertThat(thrown.getMessage())
        .isEqualTo("API_KEY: Secret Manager (" + gcp.endpoint() + ") throttled the calls"
            + " (RESOURCE_EXHAUSTED: Quota exceeded for quota metric 'Access requests'); asked to wait 3600 s,"
            + " more than the fetch has left");
    assertThat(gcp.requested()).hasSize(1);
  }

  @Test
  void rejectedCredentialsAreOneProblemNamingEverySecretAndNeverTheToken() throws IOException {
    gcp.requireToken("right-token");
    SecretManagerServiceSettings wrongToken =
        gcp.clientSettings().toBuilder()
            .setHeaderProvider(FixedHeaderProvider.create(Map.of("authorization", "Bearer " + WRONG_TOKEN)))
            .build();

    ProviderException thrown =
        fetchFailure(
            GcpSecretManagerProvider.builder().project("my-project").clientSettings(wrongToken).build(),
            declaring("API_KEY", "DATABASE_URL"));

    assertThat(thrown.getMessage())
        .isEqualTo("2 secrets failed: API_KEY, DATABASE_URL: Secret Manager (" + gcp.endpoint() + ") rejected the"
            + " credentials (UNAUTHENTICATED: Request had invalid authentication credentials. Expected OAuth 2 access"
            + " token, login cookie or other valid authentication credential); check Application Default Credentials"
            + " (GOOGLE_APPLICATION_CREDENTIALS, gcloud auth application-default login, or the workload's service account)");
  }

  @Test
  void credentialsThatCannotBeFoundFailBeforeAnyCall() throws IOException {
    SecretManagerServiceSettings noCredentials =
        gcp.clientSettings().toBuilder()
            .setCredentialsProvider(() -> {
              throw new IOException("Your default credentials were not found");
            })
            .build();

    ProviderException thrown =
        fetchFailure(
            GcpSecretManagerProvider.builder().project("my-project").clientSettings(noCredentials).build(), declaring("API_KEY"));

    assertThat(thrown.getMessage())
        .isEqualTo("could not set up the Secret Manager client (" + gcp.endpoint() + "): Your default credentials were not found");
    assertThat(gcp.requested()).isEmpty();
  }

  @Test
  void jsonSecretThatIsNotAnObjectNamesTheSecretAndHowToReadItWhole() {
    gcp.put("orders-db", "{\"password\": \"canary-unterminated");

    ProviderException thrown = fetchFailure(providerFor(gcp).jsonSecret("orders-db", "DATABASE_").build(), declaring());

    assertThat(thrown.getMessage())
        .isEqualTo("orders-db: the secret is not valid JSON, so it cannot be expanded into variables (a string is not"
            + " closed at the end of the text; the value is not shown); fix the secret, or read it whole into one variable"
            + " (secret(\"VARIABLE\", \"orders-db\") in code, names=VARIABLE:orders-db in the URI)");
  }

  @Test
  void oneFailingSecretFailsTheFetchSoThatNoPartialSnapshotIsReturned() {
    gcp.deny("DATABASE_URL");

    ProviderException thrown = fetchFailure(providerFor(gcp).build(), declaring("API_KEY", "DATABASE_URL"));

    assertThat(thrown.getMessage()).startsWith("DATABASE_URL: permission denied");
  }
}
