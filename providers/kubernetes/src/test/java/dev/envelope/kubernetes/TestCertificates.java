package dev.envelope.kubernetes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed server certificate for {@code 127.0.0.1}, made with the JDK's own {@code keytool}:
 * the key store for the fake API server and the certificate as PEM, which plays the cluster's {@code
 * ca.crt}.
 */
final class TestCertificates {
  private static final String PASSWORD = "test-store-password";

  final Path keyStore;
  final Path caPem;

  private TestCertificates(Path keyStore, Path caPem) {
    this.keyStore = keyStore;
    this.caPem = caPem;
  }

  /** Generates a fresh certificate in {@code directory}. */
  static TestCertificates generate(Path directory) throws IOException, InterruptedException {
    Path keyStore = directory.resolve("server.p12");
    Path caPem = directory.resolve("ca.crt");
    keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=kubernetes", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
        "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", PASSWORD,
        "-keypass", PASSWORD);
    keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", keyStore.toString(),
        "-storepass", PASSWORD, "-file", caPem.toString());
    return new TestCertificates(keyStore, caPem);
  }

  /** Returns a server-side TLS context presenting the certificate. */
  SSLContext serverContext() throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      store.load(in, PASSWORD.toCharArray());
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, PASSWORD.toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }

  private static void keytool(String... arguments) throws IOException, InterruptedException {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    List<String> command = new java.util.ArrayList<>(List.of(keytool.toString()));
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException("keytool failed: " + output);
    }
  }

  /**
   * Lays out {@code directory} as the kubelet mounts a pod's service account: {@code token}, this
   * CA as {@code ca.crt}, and {@code namespace}.
   */
  void writeServiceAccount(Path directory, String token, String namespace) throws IOException {
    java.nio.file.Files.writeString(directory.resolve("token"), token);
    java.nio.file.Files.copy(caPem, directory.resolve("ca.crt"));
    java.nio.file.Files.writeString(directory.resolve("namespace"), namespace);
  }
}
