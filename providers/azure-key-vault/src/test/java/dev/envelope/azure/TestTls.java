package dev.envelope.azure;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for {@code 127.0.0.1}, made once per test run with the JDK's keytool:
 * the server side for the local vault, and a client side that trusts it and nothing else.
 */
final class TestTls {
  private static final char[] PASSWORD = "test-store-password".toCharArray();
  private static KeyStore store;

  private TestTls() {}

  /** Returns the context the local vault serves with. */
  static SSLContext server() throws Exception {
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store(), PASSWORD);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }

  /** Returns a context that trusts the local vault's certificate only. */
  static SSLContext client() throws Exception {
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }

  private static synchronized KeyStore store() throws Exception {
    if (store == null) {
      Path directory = Files.createTempDirectory("envelope-azure-tls");
      Path file = directory.resolve("vault.p12");
      String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
      Process process =
          new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "vault", "-keyalg", "EC", "-groupname", "secp256r1",
                  "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                  "-keystore", file.toString(), "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)))
              .redirectErrorStream(true)
              .start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("keytool failed: " + output);
      }
      KeyStore loaded = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(file)) {
        loaded.load(in, PASSWORD);
      }
      Files.delete(file);
      Files.delete(directory);
      store = loaded;
    }
    return store;
  }
}
