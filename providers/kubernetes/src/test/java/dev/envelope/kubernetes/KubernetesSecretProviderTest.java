package dev.envelope.kubernetes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.envelope.Env;
import dev.envelope.EnvLoader;
import dev.envelope.Profile;
import dev.envelope.Secret;
import dev.envelope.spi.ProviderException;
import dev.envelope.spi.ProviderRequest;
import dev.envelope.spi.ProviderSnapshot;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubernetesSecretProviderTest {
  static final String CANARY = "canary-91ab-api-secret-value";
  static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.token-one-never-print";
  static final String FORBIDDEN =
      "secrets \"app-secrets\" is forbidden: User \"system:serviceaccount:prod:api\" cannot get"
          + " resource \"secrets\" in API group \"\" in the namespace \"prod\"";

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

  Map<String, String> settings() {
    return Map.of("KUBERNETES_SERVICE_HOST", "127.0.0.1", "KUBERNETES_SERVICE_PORT", String.valueOf(server.port()));
  }

  KubernetesSecretProvider.Builder provider() {
    return KubernetesSecretProvider.builder("app-secrets")
        .serviceAccountDirectory(serviceAccount)
        .backoff(Duration.ofMillis(1));
  }

  ProviderSnapshot fetch(KubernetesSecretProvider provider) throws Exception {
    ProviderSnapshot snapshot = provider.fetch(ProviderRequest.of(Profile.PRODUCTION, Set.of(), settings()));
    assertThat(provider + provider.name() + snapshot + snapshot.entries())
        .doesNotContain(CANARY).doesNotContain(TOKEN).doesNotContain("rotated-token");
    return snapshot;
  }

  ProviderException failure(KubernetesSecretProvider provider) {
    ProviderException thrown = assertThrows(ProviderException.class, () -> fetch(provider));
    assertThat(thrown.getMessage()).doesNotContain(CANARY).doesNotContain(TOKEN).doesNotContain("never-print");
    return thrown;
  }

  static Map<String, byte[]> data(String... keysAndValues) {
    Map<String, byte[]> data = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      data.put(keysAndValues[i], keysAndValues[i + 1].getBytes(UTF_8));
    }
    return data;
  }

  @Test
  void readsTheSecretOverTlsWithTheServiceAccountTokenAndDecodesItsData() throws Exception {
    server.enqueue(200, FakeApiServer.secret("prod", "app-secrets", "4711",
        data("db-password", CANARY + "\n", "api.key", "k-1", "MULTI", "ä\nb")));

    ProviderSnapshot snapshot = fetch(provider().namespace("prod").build());

    FakeApiServer.Received request = server.takeRequest();
    assertThat(request.method()).isEqualTo("GET");
    assertThat(request.path()).isEqualTo("/api/v1/namespaces/prod/secrets/app-secrets");
    assertThat(request.authorization()).isEqualTo("Bearer " + TOKEN);
    assertThat(request.accept()).isEqualTo("application/json");
    assertThat(snapshot.entries()).extracting(ProviderSnapshot.Entry::name, ProviderSnapshot.Entry::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("DB_PASSWORD", CANARY),
            org.assertj.core.groups.Tuple.tuple("API_KEY", "k-1"),
            org.assertj.core.groups.Tuple.tuple("MULTI", "ä\nb"));
    assertThat(snapshot.entries().get(0).origin())
        .isEqualTo("k8s-secret prod/app-secrets#db-password (resourceVersion 4711)");
    assertThat(snapshot.toString() + snapshot.entries()).doesNotContain(CANARY);
  }

  @Test
  void namespaceDefaultsToThePodsOwn() throws Exception {
    Files.writeString(serviceAccount.resolve("namespace"), "staging");
    server.enqueue(200, FakeApiServer.secret("staging", "app-secrets", "1", data("k", "v")));
    KubernetesSecretProvider provider = provider().build();

    fetch(provider);

    assertThat(server.takeRequest().path()).isEqualTo("/api/v1/namespaces/staging/secrets/app-secrets");
    assertThat(provider.name()).isEqualTo("k8s-secret app-secrets");
  }

  @Test
  void readsTheTokenAgainAtEveryFetchSoARotatedTokenIsUsed() throws Exception {
    server.enqueue(200, FakeApiServer.secret("prod", "app-secrets", "1", data("k", "v")));
    server.enqueue(200, FakeApiServer.secret("prod", "app-secrets", "1", data("k", "v")));
    KubernetesSecretProvider provider = provider().build();

    fetch(provider);
    Files.writeString(serviceAccount.resolve("token"), "rotated-token-2\n");
    fetch(provider);

    assertThat(server.takeRequest().authorization()).isEqualTo("Bearer " + TOKEN);
    assertThat(server.takeRequest().authorization()).isEqualTo("Bearer rotated-token-2");
  }

  @Test
  void forbiddenQuotesTheApiMessageAndNamesTheRoleNeededWithoutRetrying() throws Exception {
    server.enqueue(403, FakeApiServer.status(403, "Forbidden", FORBIDDEN));

    ProviderException thrown = failure(provider().build());

    assertThat(thrown.getMessage()).isEqualTo(
        "reading Secret prod/app-secrets is forbidden (403): \"" + FORBIDDEN + "\"; give the pod's"
            + " service account a Role with verbs [get] on resources [secrets] and resourceNames"
            + " [app-secrets], and a RoleBinding");
    server.takeRequest();
    assertThat(server.pendingRequests()).isZero();
  }

  @Test
  void rejectedTokenQuotesTheApiMessageWithoutTheToken() throws Exception {
    server.enqueue(401, FakeApiServer.status(401, "Unauthorized", "Unauthorized"));

    assertThat(failure(provider().build()).getMessage()).isEqualTo(
        "the Kubernetes API rejected the service-account token (401): \"Unauthorized\"; check that"
            + " the pod's token is mounted and not expired");
  }

  @Test
  void missingSecretQuotesTheApiMessage() throws Exception {
    server.enqueue(404, FakeApiServer.status(404, "NotFound", "secrets \"app-secrets\" not found"));

    assertThat(failure(provider().build()).getMessage()).isEqualTo(
        "Secret prod/app-secrets was not found (404): \"secrets \"app-secrets\" not found\"; check the"
            + " Secret's name and namespace");
    server.takeRequest();
    assertThat(server.pendingRequests()).isZero();
  }

  @Test
  void aProxyEchoingTheTokenHasItMasked() throws Exception {
    server.enqueue(400, FakeApiServer.status(400, "BadRequest", "bad header Authorization: Bearer " + TOKEN));

    assertThat(failure(provider().build()).getMessage()).isEqualTo(
        "the Kubernetes API answered 400 for Secret prod/app-secrets: \"bad header Authorization: Bearer ****\"");
  }

  @Test
  void retriesUnavailableServerHonouringRetryAfter() throws Exception {
    server.enqueue(503, FakeApiServer.status(503, "ServiceUnavailable", "try later"), Map.of("Retry-After", "0"));
    server.enqueue(429, FakeApiServer.status(429, "TooManyRequests", "slow down"), Map.of("Retry-After", "0"));
    server.enqueue(200, FakeApiServer.secret("prod", "app-secrets", "2", data("k", "v")));

    ProviderSnapshot snapshot = fetch(provider().build());

    assertThat(snapshot.entries()).extracting(ProviderSnapshot.Entry::value).containsExactly("v");
    for (int i = 0; i < 3; i++) {
      assertThat(server.takeRequest().authorization()).isEqualTo("Bearer " + TOKEN);
    }
  }

  @Test
  void givesUpAfterTheLastAttempt() throws Exception {
    for (int i = 0; i < 2; i++) {
      server.enqueue(500, FakeApiServer.status(500, "InternalError", "etcd unavailable"));
    }

    assertThat(failure(provider().maxAttempts(2).build()).getMessage()).isEqualTo(
        "the Kubernetes API answered 500 for Secret prod/app-secrets: \"etcd unavailable\" (2 attempts)");
  }

  @Test
  void serverWithACertificateNotSignedByTheClusterCaIsRefused(@TempDir Path otherPki) throws Exception {
    Files.copy(TestCertificates.generate(otherPki).caPem, serviceAccount.resolve("ca.crt"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    server.enqueue(200, FakeApiServer.secret("prod", "app-secrets", "1", data("k", CANARY)));

    assertThat(failure(provider().build()).getMessage())
        .startsWith("TLS with https://127.0.0.1:" + server.port() + " failed (")
        .endsWith("); the server's certificate must be signed by the cluster CA");
  }

  @Test
  void missingTokenFileIsAProblemNamingIt() throws Exception {
    Files.delete(serviceAccount.resolve("token"));

    assertThat(failure(provider().build()).getMessage()).isEqualTo(
        "no service-account token at " + serviceAccount.resolve("token")
            + "; is automountServiceAccountToken false, or is this not a pod?");
  }

  @Test
  void missingServiceHostSettingIsAProblemNamingIt() {
    KubernetesSecretProvider provider = provider().build();

    ProviderException thrown = assertThrows(ProviderException.class,
        () -> provider.fetch(ProviderRequest.of(Profile.PRODUCTION, Set.of(), Map.of())));

    assertThat(thrown.getMessage()).startsWith("KUBERNETES_SERVICE_HOST is not set");
  }

  @Test
  void missingNamespaceFileAsksForAnExplicitNamespace() throws Exception {
    Files.delete(serviceAccount.resolve("namespace"));

    assertThat(failure(provider().build()).getMessage()).isEqualTo(
        "no namespace given and " + serviceAccount.resolve("namespace")
            + " does not exist (not in a pod?); name it: k8s-secret:namespace/app-secrets");
  }

  @Test
  void explicitApiServerUrlIsUsedInsteadOfTheSettings() throws Exception {
    server.enqueue(200, FakeApiServer.secret("prod", "app-secrets", "1", data("k", "v")));
    KubernetesSecretProvider provider =
        provider().apiServer(URI.create("https://127.0.0.1:" + server.port() + "/")).build();

    provider.fetch(ProviderRequest.of(Profile.PRODUCTION, Set.of(), Map.of()));

    assertThat(server.takeRequest().path()).isEqualTo("/api/v1/namespaces/prod/secrets/app-secrets");
  }

  @Test
  void valueThatIsNotUtf8IsAProblemNamingTheKey() throws Exception {
    Map<String, byte[]> data = data("keystore", CANARY);
    data.get("keystore")[0] = (byte) 0xFF;
    server.enqueue(200, FakeApiServer.secret("prod", "app-secrets", "1", data));

    assertThat(failure(provider().build()).getMessage())
        .startsWith("key 'keystore' of Secret prod/app-secrets is not UTF-8 text (invalid byte at offset 0 of ");
  }

  @Test
  void emptyValueIsAnEmptyValue() throws Exception {
    server.enqueue(200, FakeApiServer.secret("prod", "app-secrets", "1", data("db-password", "", "api-key", CANARY)));

    assertThat(fetch(provider().build()).entries()).extracting(ProviderSnapshot.Entry::name, ProviderSnapshot.Entry::value)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("DB_PASSWORD", ""), org.assertj.core.groups.Tuple.tuple("API_KEY", CANARY));
  }

  @Test
  void prefixKeyMappingAndTrimApplyToApiValues() throws Exception {
    server.enqueue(200, FakeApiServer.secret("prod", "app-secrets", "1", data("db-password", "p\n")));

    ProviderSnapshot snapshot =
        fetch(provider().prefix("APP_").keyMapping(KeyMapping.IDENTITY).trimTrailingNewline(false).build());

    assertThat(snapshot.entries()).extracting(ProviderSnapshot.Entry::name, ProviderSnapshot.Entry::value)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("APP_db-password", "p\n"));
  }

  @Test
  void unreachableServerIsRetriedThenNamed() throws Exception {
    int port = server.port();
    server.close();

    ProviderException thrown = failure(provider().maxAttempts(2).build());

    assertThat(thrown.getMessage()).isEqualTo(
        "cannot reach the Kubernetes API at https://127.0.0.1:" + port
            + " to read Secret prod/app-secrets: ConnectException (2 attempts)");
  }

  @Test
  void errorBodyThatIsNotAStatusIsSaidSo() throws Exception {
    server.enqueue(502, "<html>Bad Gateway</html>");

    assertThat(failure(provider().maxAttempts(1).build()).getMessage()).isEqualTo(
        "the Kubernetes API answered 502 for Secret prod/app-secrets: not a Status object (1 attempt)");
  }

  @Test
  void unreadableClusterCaIsAProblemNamingTheFile() throws Exception {
    Files.writeString(serviceAccount.resolve("ca.crt"), "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");

    assertThat(failure(provider().build()).getMessage()).startsWith(
        "the cluster CA file " + serviceAccount.resolve("ca.crt") + " cannot be read as PEM certificates (");
  }

  @Test
  void twoKeysGivingOneVariableIsAProblem() throws Exception {
    server.enqueue(200, FakeApiServer.secret("prod", "app-secrets", "1", data("db-password", CANARY, "db.password", CANARY)));

    assertThat(failure(provider().build()).getMessage()).isEqualTo(
        "both key 'db-password' of Secret prod/app-secrets and key 'db.password' of Secret prod/app-secrets"
            + " give DB_PASSWORD; rename one of the keys");
  }

  @Test
  void valueThatIsNotBase64IsAProblemNamingTheKey() throws Exception {
    server.enqueue(200, "{\"kind\":\"Secret\",\"metadata\":{\"resourceVersion\":\"1\"},\"data\":{\"db-password\":\"%%%\"}}");

    assertThat(failure(provider().build()).getMessage()).isEqualTo(
        "key 'db-password' of Secret prod/app-secrets is not valid base64");
  }

  @Test
  void aProxyEchoingAFragmentOfTheTokenHasTheFragmentMasked() throws Exception {
    String fragment = TOKEN.substring(0, 12);
    server.enqueue(400, FakeApiServer.status(400, "BadRequest", "token " + fragment + "... is malformed"));

    String message = failure(provider().build()).getMessage();

    assertThat(message).isEqualTo("the Kubernetes API answered 400 for Secret prod/app-secrets: \"token ****... is malformed\"");
    assertThat(message).doesNotContain(TOKEN.substring(0, CredentialMask.MIN_FRAGMENT));
  }

  @Test
  void manyLoadsShareOneClientSoThreadsStayBounded() throws Exception {
    int loads = 300;
    for (int i = 0; i < loads + 1; i++) {
      server.enqueue(200, FakeApiServer.secret("prod", "app-secrets", "1", data("db-password", CANARY)));
    }
    EnvLoader loader = Env.builder().hermetic().environment(settings()).profile(Profile.PRODUCTION)
        .provider(provider().build()).build();
    loader.load(DbSchema.class);
    int before = Thread.getAllStackTraces().size();

    for (int i = 0; i < loads; i++) {
      assertThat(loader.load(DbSchema.class).dbPassword().reveal()).isEqualTo(CANARY);
    }

    // One client: its selector thread and a few pooled workers, however many loads ran.
    assertThat(Thread.getAllStackTraces().size()).isLessThanOrEqualTo(before + 8);
  }

  record DbSchema(Secret<String> dbPassword) {}
}
