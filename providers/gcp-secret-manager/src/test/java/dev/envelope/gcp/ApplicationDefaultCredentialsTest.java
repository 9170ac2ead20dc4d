package dev.envelope.gcp;

import static dev.envelope.gcp.Canaries.declaring;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.envelope.spi.EnvProvider;
import dev.envelope.spi.ProviderException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the client as deployed, with the default settings: TLS over Google's gRPC transport and
 * Application Default Credentials, here from a throwaway service-account key in {@code
 * GOOGLE_APPLICATION_CREDENTIALS} (set by the build). It shows that the trimmed dependency set still
 * builds credentials and a TLS channel; the endpoint is a closed loopback port, so the call itself is
 * refused and nothing leaves the machine.
 */
class ApplicationDefaultCredentialsTest {
  @BeforeAll
  static void writeServiceAccountKey() throws Exception {
    Path file = Path.of(System.getenv("GOOGLE_APPLICATION_CREDENTIALS"));
    var generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    String pem = "-----BEGIN PRIVATE KEY-----\\n"
        + Base64.getEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
        + "\\n-----END PRIVATE KEY-----\\n";
    Files.createDirectories(file.getParent());
    Files.writeString(file, "{\"type\": \"service_account\", \"project_id\": \"my-project\","
        + " \"private_key_id\": \"0000\", \"private_key\": \"" + pem + "\","
        + " \"client_email\": \"envelope-test@my-project.iam.gserviceaccount.com\", \"client_id\": \"1\","
        + " \"token_uri\": \"https://127.0.0.1:1/token\"}");
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Test
  void defaultClientLoadsTheCredentialsAndReportsTheUnreachableEndpoint() throws Exception {
    int port = closedPort();
    List<EnvProvider> providers =
        new GcpSecretManagerProviderFactory()
            .create(List.of(URI.create("gcp-secretmanager:projects/my-project?endpoint=127.0.0.1:" + port + "&maxAttempts=1")));

    ProviderException thrown = catchThrowableOfType(ProviderException.class, () -> providers.get(0).fetch(declaring("API_KEY")));

    assertThat(thrown).isNotNull();
    assertThat(thrown.getMessage()).startsWith("API_KEY: Secret Manager (127.0.0.1:" + port + ") did not answer (UNAVAILABLE: ");
    assertThat(Canaries.printed(thrown)).doesNotContain("PRIVATE KEY");
  }
}
