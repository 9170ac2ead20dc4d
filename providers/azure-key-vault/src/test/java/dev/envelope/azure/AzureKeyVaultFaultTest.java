package dev.envelope.azure;

import dev.envelope.junit.HttpProviderFaultContract;
import dev.envelope.spi.EnvProvider;
import dev.envelope.spi.FetchLimits;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * Holds the provider to the fault matrix, over HTTPS with the real SDK and the JDK client: the
 * local server answers each read as scripted, before any bearer challenge (the SDK sends its first
 * request without a token and takes any answer other than 401 as the answer).
 */
class AzureKeyVaultFaultTest extends HttpProviderFaultContract {
  private static final String VERSION = "0123456789abcdef0123456789abcdef";

  @Override
  protected SSLContext serverTls() throws Exception {
    return TestTls.server();
  }

  @Override
  protected EnvProvider provider(URI server, FetchLimits limits) throws Exception {
    return AzureKeyVaultProvider.builder()
        .vaultUrl(server.toString())
        .credential(TestCredential.issuing(Canaries.TOKEN))
        .sslContext(TestTls.client())
        .disableChallengeResourceVerification()
        .limits(limits)
        .build();
  }

  @Override
  protected String successBody(Map<String, String> entries) {
    Map.Entry<String, String> entry = entries.entrySet().iterator().next();
    return "{\"value\":" + FakeKeyVault.quote(entry.getValue()) + ",\"id\":\"https://127.0.0.1/secrets/"
        + SecretNames.secretName(entry.getKey()) + "/" + VERSION + "\",\"attributes\":{\"enabled\":true,"
        + "\"created\":1700000000,\"updated\":1700000000,\"recoveryLevel\":\"Recoverable+Purgeable\"},\"tags\":{}}";
  }

  @Override
  protected String errorBody(int status) {
    return status == 429
        ? FakeKeyVault.error("Throttled", "Request was not processed because too many requests were received.", null)
        : FakeKeyVault.error("ServiceUnavailable", "The service is temporarily unavailable.", null);
  }

  @Override
  protected Set<String> credentials() {
    return Set.of(Canaries.TOKEN);
  }

  @Override
  protected String expectedProblem(Fault fault) {
    return switch (fault) {
      case NEVER_ANSWERS, HEADERS_THEN_STALL, TRICKLE -> "after 3 attempts: HttpTimeoutException: no complete answer within 1000 ms";
      case RESET_MID_BODY -> "after 3 attempts: IOException";
      case HUGE_BODY -> "answered the read of fault-secret with a body larger than 1 MiB, the most this provider reads";
      case INVALID_JSON -> "answered the read of fault-secret with a body that is not Key Vault's JSON (the answer is not shown)";
      case THROTTLED_FOR_AN_HOUR -> "throttled the requests (HTTP 429 Throttled: Request was not processed because too many"
          + " requests were received): load less often, or read fewer secrets at once (maxConcurrency); Key Vault asked to"
          + " wait 3600 s, more than the ";
      case FAILS_SLOWLY -> "failed to answer after 3 attempts (HTTP 503 ServiceUnavailable: The service is temporarily unavailable)";
      case REDIRECT_TO_OTHER_HOST -> "answered 302 for fault-secret, redirecting to https://localhost:";
    };
  }
}
