package dev.envelope.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envelope.spi.ProviderException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceAccountTrustTest {
  @TempDir Path directory;

  @Test
  void trustsTheCertificatesOfAPemBundle() throws Exception {
    Path first = TestCertificates.generate(Files.createDirectory(directory.resolve("a"))).caPem;
    Path second = TestCertificates.generate(Files.createDirectory(directory.resolve("b"))).caPem;
    Path bundle = directory.resolve("ca.crt");
    Files.writeString(bundle, Files.readString(first) + Files.readString(second));

    SSLContext context = ServiceAccountTrust.trusting(bundle);

    assertThat(context.getProtocol()).isEqualTo("TLS");
  }

  @Test
  void fileWithoutCertificatesIsAProblemNamingIt() throws Exception {
    Path empty = Files.writeString(directory.resolve("ca.crt"), "");

    assertThatThrownBy(() -> ServiceAccountTrust.trusting(empty))
        .isInstanceOf(ProviderException.class)
        .hasMessage("the cluster CA file " + empty + " holds no certificate");
  }

  @Test
  void missingFileIsAProblemNamingIt() {
    Path missing = directory.resolve("ca.crt");

    assertThatThrownBy(() -> ServiceAccountTrust.trusting(missing))
        .isInstanceOf(ProviderException.class)
        .hasMessage("the cluster CA file " + missing + " does not exist; is the service-account token"
            + " mounted (automountServiceAccountToken)?");
  }
}
