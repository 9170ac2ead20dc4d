package dev.envelope.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envelope.Env;
import dev.envelope.EnvException;
import dev.envelope.Problem;
import dev.envelope.Secret;
import dev.envelope.spi.ProviderException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AzureKeyVaultFailureTest {
  private static final String SECRET = "/secrets/database-url";
  private static final String VERSION = "3f2a9c0e54d84b0c9f3c1f9f0a1b2c3d";

  private FakeKeyVault vault;
  private TestCredential credential;

  @BeforeEach
  void start() throws Exception {
    vault = new FakeKeyVault(Canaries.TOKEN);
    vault.put("database-url", VERSION, Canaries.VALUE);
    credential = TestCredential.issuing(Canaries.TOKEN);
  }

  @AfterEach
  void stop() {
    vault.close();
  }

  private AzureKeyVaultProvider.Builder provider() throws Exception {
    return AzureKeyVaultProvider.builder()
        .vaultUrl(vault.url())
        .credential(credential)
        .sslContext(TestTls.client())
        .disableChallengeResourceVerification();
  }

  private static FakeKeyVault.Answer answer(int status, Map<String, String> headers, String code, String message) {
    return new FakeKeyVault.Answer(status, headers, FakeKeyVault.error(code, message, null));
  }

  private static ProviderException fetchFails(AzureKeyVaultProvider provider) {
    ProviderException thrown = org.junit.jupiter.api.Assertions.assertThrows(
        ProviderException.class, () -> provider.fetch(Canaries.request("DATABASE_URL")));
    Canaries.assertAbsent(thrown.getMessage());
    Canaries.assertAbsent(String.valueOf(thrown.getCause()));
    return thrown;
  }

  @Test
  void forbiddenNamesTheIdentityAndTheRoleWithoutRetrying() throws Exception {
    vault.forbid("database-url");

    ProviderException thrown = fetchFails(provider().build());

    assertThat(thrown.getMessage())
        .startsWith("the identity (TestCredential) may not read database-url in Key Vault 127.0.0.1:")
        .contains("(HTTP 403 Forbidden/ForbiddenByRbac: Caller is not authorized to perform action on resource. Caller: appid=")
        .endsWith("assign it the role Key Vault Secrets User on the vault (Azure RBAC), or, in a vault that uses access"
            + " policies, allow it to get and list secrets");
    assertThat(vault.reads()).hasSize(1);
  }

  @Test
  void rejectedTokenNamesTheIdentityAndNeverTheToken() throws Exception {
    String wrongToken = "wrong-canary-token-51aa";
    credential = TestCredential.issuing(wrongToken);

    ProviderException thrown = fetchFails(provider().build());

    assertThat(thrown.getMessage())
        .startsWith("Key Vault 127.0.0.1:")
        .contains("rejected the token of the identity (TestCredential) (HTTP 401 Unauthorized: AKV10032: Invalid issuer")
        .doesNotContain(wrongToken);
  }

  @Test
  void identityThatCannotGetATokenIsNamed() throws Exception {
    credential = TestCredential.failing("AADSTS7000215: Invalid client secret provided");

    ProviderException thrown = fetchFails(provider().build());

    assertThat(thrown.getMessage()).startsWith("the identity (TestCredential) could not get a token for Key Vault 127.0.0.1:")
        .endsWith(": AADSTS7000215: Invalid client secret provided");
    assertThat(vault.reads()).isEmpty();
  }

  @Test
  void challengeForAnotherResourceIsRefusedBeforeAnyTokenIsIssued() throws Exception {
    AzureKeyVaultProvider verifying =
        AzureKeyVaultProvider.builder().vaultUrl(vault.url()).credential(credential).sslContext(TestTls.client()).build();

    ProviderException thrown = fetchFails(verifying);

    assertThat(thrown.getMessage()).startsWith("Key Vault 127.0.0.1:")
        .contains(" answered with an authentication challenge for the resource 'https://vault.azure.net/.default', whose"
            + " domain is not the vault's host, so no token was sent; ")
        .endsWith("call disableChallengeResourceVerification() on the builder (or add ?disableChallengeResourceVerification to the URI)");
    assertThat(credential.requests).isEmpty();
  }

  @Test
  void throttlingIsRetriedAfterTheWaitKeyVaultAsksFor() throws Exception {
    vault.script(SECRET, answer(429, Map.of("Retry-After", "1"), "Throttled", "Operations per second is over the limit"));

    Map<String, String> values = Map.of("DATABASE_URL",
        provider().build().fetch(Canaries.request("DATABASE_URL")).entries().get(0).value());

    assertThat(values).containsEntry("DATABASE_URL", Canaries.VALUE);
    assertThat(vault.reads()).hasSize(2);
  }

  @Test
  void throttlingThatAsksForMoreThanTheTimeLeftFailsAtOnce() throws Exception {
    vault.script(SECRET, answer(429, Map.of("Retry-After", "3600"), "Throttled", "Operations per second is over the limit"));

    ProviderException thrown = fetchFails(provider().build());

    assertThat(thrown.getMessage())
        .contains("throttled the requests (HTTP 429 Throttled: Operations per second is over the limit)")
        .contains("; Key Vault asked to wait 3600 s, more than the ")
        .endsWith(" left of the fetch's time-out (25 s)");
    assertThat(vault.reads()).hasSize(1);
  }

  @Test
  void serverErrorsAreRetriedUpToMaxAttempts() throws Exception {
    for (int i = 0; i < 3; i++) {
      vault.script(SECRET, answer(500, Map.of(), "InternalServerError", "Something went wrong"));
    }

    ProviderException thrown = fetchFails(provider().maxAttempts(3).build());

    assertThat(thrown.getMessage()).endsWith("failed to answer after 3 attempts (HTTP 500 InternalServerError: Something went wrong)");
    assertThat(vault.reads()).hasSize(3);
  }

  @Test
  void unavailableServiceRecoversOnTheNextAttempt() throws Exception {
    vault.script(SECRET, answer(503, Map.of(), "ServiceUnavailable", "The service is unavailable"));

    assertThat(provider().build().fetch(Canaries.request("DATABASE_URL")).entries()).hasSize(1);
    assertThat(vault.reads()).hasSize(2);
  }

  @Test
  void readsThatFailAlikeAreReportedOnce() throws Exception {
    vault.put("api-key", VERSION, Canaries.VALUE);
    AzureKeyVaultProvider provider = provider().build();
    credential = TestCredential.issuing("wrong-canary-token-51aa");
    AzureKeyVaultProvider wrongToken = provider().build();

    ProviderException thrown = org.junit.jupiter.api.Assertions.assertThrows(
        ProviderException.class, () -> wrongToken.fetch(Canaries.request("DATABASE_URL", "API_KEY")));

    assertThat(thrown.getMessage()).startsWith("Key Vault 127.0.0.1:").doesNotContain("problems");
    assertThat(provider.fetch(Canaries.request("DATABASE_URL", "API_KEY")).entries()).hasSize(2);
  }

  @Test
  void firewallRefusalSaysToAllowTheNetworkNotToGrantARole() throws Exception {
    vault.script(SECRET, new FakeKeyVault.Answer(403, Map.of(), FakeKeyVault.error("Forbidden",
        "Client address is not authorized and caller is not a trusted service.\r\nClient address: 203.0.113.7", "ForbiddenByFirewall")));

    ProviderException thrown = fetchFails(provider().build());

    assertThat(thrown.getMessage()).startsWith("Key Vault 127.0.0.1:")
        .contains(" refused this network address (HTTP 403 Forbidden/ForbiddenByFirewall: Client address is not"
            + " authorized and caller is not a trusted service. Client address: 203.0.113.7): allow it in the vault's"
            + " networking settings, or reach the vault through a private endpoint")
        .doesNotContain(KeyVaultFailures.READER_ROLE);
  }

  @Test
  void badRequestIsNotRetried() throws Exception {
    vault.script(SECRET, answer(400, Map.of(), "BadParameter", "Method GET does not allow operation ''"));

    ProviderException thrown = fetchFails(provider().build());

    assertThat(thrown.getMessage()).endsWith("refused the request for database-url (HTTP 400 BadParameter: Method GET does not allow operation '')");
    assertThat(vault.reads()).hasSize(1);
  }

  @Test
  void answerThatIsNotASecretIsAProblemThatDoesNotQuoteIt() throws Exception {
    vault.script(SECRET, new FakeKeyVault.Answer(200, Map.of(), "<html>" + Canaries.VALUE + "</html>"));

    ProviderException thrown = fetchFails(provider().build());

    // Never the parser's message, which quotes the answer.
    assertThat(thrown.getMessage()).matches("Key Vault 127\\.0\\.0\\.1:\\d+ answered the read of database-url with a body"
        + " that is not Key Vault's JSON \\(the answer is not shown\\): is https://127\\.0\\.0\\.1:\\d+ a Key Vault\\?");
    Canaries.assertAbsent(thrown.getMessage());
    assertThat(vault.reads()).hasSize(1);
  }

  @Test
  void attemptThatDoesNotAnswerTimesOutAndIsRetried() throws Exception {
    vault.hang("database-url");

    ProviderException thrown =
        fetchFails(provider().maxAttempts(2).attemptTimeout(Duration.ofMillis(300)).timeout(Duration.ofSeconds(20)).build());

    assertThat(thrown.getMessage()).contains("could not reach Key Vault 127.0.0.1:")
        .contains(") after 2 attempts: HttpTimeoutException");
    assertThat(vault.reads()).hasSize(2);
  }

  record Schema(Secret<String> databaseUrl) {}

  @Test
  void loadThatStopsWaitingStopsTheProvidersReads() throws Exception {
    vault.hang("database-url");
    AzureKeyVaultProvider provider = provider().build();

    EnvException thrown = org.junit.jupiter.api.Assertions.assertThrows(EnvException.class,
        () -> Env.builder().hermetic().provider(provider).providerTimeout(Duration.ofMillis(500)).load(Schema.class));

    assertThat(vault.hangingReached.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(thrown.problems()).extracting(Problem::kind).contains(Problem.Kind.PROVIDER);
    List<Thread> workers = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("envelope-azure-keyvault-") || t.getName().startsWith("envelope-provider-azure"))
        .toList();
    for (Thread worker : workers) {
      worker.join(TimeUnit.SECONDS.toMillis(30));
      assertThat(worker.isAlive()).as(worker.getName() + " still runs").isFalse();
    }
    assertThat(vault.reads()).hasSize(1);
    Canaries.assertAbsent(thrown.getMessage());
  }
}
