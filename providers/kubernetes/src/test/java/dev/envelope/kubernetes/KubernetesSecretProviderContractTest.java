package dev.envelope.kubernetes;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.envelope.junit.ProviderContract;
import dev.envelope.spi.EnvProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

class KubernetesSecretProviderContractTest extends ProviderContract {
  private static final String TOKEN = "contract-token-3e9a-never-print";

  @TempDir static Path pki;
  static TestCertificates certificates;

  @TempDir Path serviceAccount;
  FakeApiServer server;

  @BeforeAll
  static void generateCertificate() throws Exception {
    certificates = TestCertificates.generate(pki);
  }

  @BeforeEach
  void startServer() throws Exception {
    server = new FakeApiServer(certificates.serverContext());
    certificates.writeServiceAccount(serviceAccount, TOKEN, "prod");
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Override
  protected Map<String, String> settings() {
    return Map.of("KUBERNETES_SERVICE_HOST", "127.0.0.1", "KUBERNETES_SERVICE_PORT", String.valueOf(server.port()));
  }

  @Override
  protected Set<String> credentials() {
    return Set.of(TOKEN);
  }

  @Override
  protected EnvProvider providerServing(Map<String, String> entries) {
    Map<String, byte[]> data = new LinkedHashMap<>();
    entries.forEach((name, value) -> data.put(name.toLowerCase(Locale.ROOT).replace('_', '-'), value.getBytes(UTF_8)));
    String secret = FakeApiServer.secret("prod", "app-secrets", "4711", data);
    for (int i = 0; i < 4; i++) {
      server.enqueue(200, secret);
    }
    return KubernetesSecretProvider.builder("app-secrets").serviceAccountDirectory(serviceAccount).build();
  }

  @Override
  protected EnvProvider failingProvider() {
    server.enqueue(403, FakeApiServer.status(403, "Forbidden",
        "secrets \"app-secrets\" is forbidden: User \"system:serviceaccount:prod:default\" cannot get"
            + " resource \"secrets\" in API group \"\" in the namespace \"prod\""));
    return KubernetesSecretProvider.builder("app-secrets")
        .serviceAccountDirectory(serviceAccount)
        .backoff(Duration.ofMillis(1))
        .build();
  }
}
