package dev.envelope.kubernetes;

import dev.envelope.spi.ProviderException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the TLS context that trusts the cluster's API server: the certificates of the pod's {@code
 * ca.crt} and nothing else, so that a server with a certificate from a public CA is refused too.
 */
final class ServiceAccountTrust {
  private ServiceAccountTrust() {}

  /**
   * Returns a context trusting exactly the PEM certificates in {@code caFile}.
   *
   * @throws ProviderException if the file is missing, unreadable or holds no certificate
   */
  static SSLContext trusting(Path caFile) throws ProviderException {
    Collection<? extends Certificate> certificates;
    try (InputStream in = Files.newInputStream(caFile)) {
      certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (NoSuchFileException e) {
      throw new ProviderException(
          "the cluster CA file " + caFile + " does not exist; is the service-account token"
              + " mounted (automountServiceAccountToken)?", e);
    } catch (IOException | GeneralSecurityException e) {
      throw new ProviderException(
          "the cluster CA file " + caFile + " cannot be read as PEM certificates ("
              + e.getClass().getSimpleName() + ")", e);
    }
    if (certificates.isEmpty()) {
      throw new ProviderException("the cluster CA file " + caFile + " holds no certificate");
    }
    try {
      KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
      anchors.load(null, null);
      int index = 0;
      for (Certificate certificate : certificates) {
        anchors.setCertificateEntry("ca-" + index++, certificate);
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(anchors);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new ProviderException(
          "cannot build a TLS context from " + caFile + " (" + e.getClass().getSimpleName() + ")", e);
    }
  }
}
