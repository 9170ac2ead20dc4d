package dev.envelope.kubernetes;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.envelope.junit.HttpProviderFaultContract;
import dev.envelope.spi.EnvProvider;
import dev.envelope.spi.FetchLimits;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

class KubernetesSecretProviderFaultTest extends HttpProviderFaultContract {
  private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.fault-token-4c1d-never-print";

  @TempDir static Path pki;
  static TestCertificates certificates;

  @TempDir Path serviceAccount;

  @BeforeAll
  static void generateCertificate() throws Exception {
    certificates = TestCertificates.generate(pki);
  }

  @BeforeEach
  void writeServiceAccount() throws Exception {
    certificates.writeServiceAccount(serviceAccount, TOKEN, "prod");
  }

  @Override
  protected SSLContext serverTls() throws Exception {
    return certificates.serverContext();
  }

  @Override
  protected Set<String> credentials() {
    return Set.of(TOKEN);
  }

  @Override
  protected EnvProvider provider(URI server, FetchLimits limits) {
    return KubernetesSecretProvider.builder("app-secrets")
        .serviceAccountDirectory(serviceAccount)
        .apiServer(server)
        .limits(limits)
        .backoff(Duration.ofMillis(50))
        .build();
  }

  @Override
  protected String successBody(Map<String, String> entries) {
    Map<String, byte[]> data = new LinkedHashMap<>();
    entries.forEach((name, value) -> data.put(name.toLowerCase(Locale.ROOT).replace('_', '-'), value.getBytes(UTF_8)));
    return FakeApiServer.secret("prod", "app-secrets", "4711", data);
  }

  @Override
  protected String errorBody(int status) {
    return FakeApiServer.status(status, status == 429 ? "TooManyRequests" : "ServiceUnavailable", "try again later");
  }

  @Override
  protected String expectedProblem(Fault fault) {
    return switch (fault) {
      case NEVER_ANSWERS, HEADERS_THEN_STALL, TRICKLE -> "to read Secret prod/app-secrets: no complete answer within 1 s";
      case RESET_MID_BODY -> "to read Secret prod/app-secrets: the connection broke";
      case HUGE_BODY -> "the Kubernetes API answered Secret prod/app-secrets with a body larger than 4 MiB, the most"
          + " this provider reads";
      case INVALID_JSON -> "the Kubernetes API answered 200 for Secret prod/app-secrets with a body that is not JSON (";
      case THROTTLED_FOR_AN_HOUR -> "the Kubernetes API is throttling requests for Secret prod/app-secrets (429);"
          + " asked to wait 3600 s, more than the ";
      case FAILS_SLOWLY -> "the Kubernetes API answered 503 for Secret prod/app-secrets: \"try again later\"";
      case REDIRECT_TO_OTHER_HOST -> "answered 302 for Secret prod/app-secrets, redirecting to https://localhost:";
    };
  }
}
