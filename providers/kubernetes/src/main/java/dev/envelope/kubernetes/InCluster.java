package dev.envelope.kubernetes;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.envelope.spi.ProviderException;
import dev.envelope.spi.ProviderRequest;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads what a pod knows about its cluster: the API server from {@code KUBERNETES_SERVICE_HOST} and
 * {@code KUBERNETES_SERVICE_PORT}, and the service account's token and namespace files.
 */
final class InCluster {
  private InCluster() {}

  /**
   * Returns {@code https://host:port} from the settings.
   *
   * @throws ProviderException if {@code KUBERNETES_SERVICE_HOST} is not set, or they form no URL
   */
  static URI apiServer(ProviderRequest request) throws ProviderException {
    String host =
        request.setting("KUBERNETES_SERVICE_HOST")
            .orElseThrow(() -> new ProviderException(
                "KUBERNETES_SERVICE_HOST is not set: not running in a Kubernetes pod? Set it and"
                    + " KUBERNETES_SERVICE_PORT, or give the provider an API server URL"));
    String port = request.setting("KUBERNETES_SERVICE_PORT").orElse("443");
    String authority = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    try {
      return URI.create("https://" + authority);
    } catch (IllegalArgumentException e) {
      throw new ProviderException(
          "KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT do not form a URL: " + authority, e);
    }
  }

  /**
   * Returns the token in {@code tokenFile}. Read at every fetch, never kept: the kubelet replaces
   * projected tokens before they expire.
   *
   * @throws ProviderException if the file is missing, unreadable or empty; never shows its content
   */
  static String token(Path tokenFile) throws ProviderException {
    String token;
    try {
      token = Files.readString(tokenFile, UTF_8).strip();
    } catch (NoSuchFileException e) {
      throw new ProviderException(
          "no service-account token at " + tokenFile + "; is automountServiceAccountToken false, or"
              + " is this not a pod?", e);
    } catch (IOException e) {
      throw new ProviderException(
          "the service-account token file " + tokenFile + " cannot be read ("
              + e.getClass().getSimpleName() + ")", e);
    }
    if (token.isEmpty()) {
      throw new ProviderException("the service-account token file " + tokenFile + " is empty");
    }
    return token;
  }

  /**
   * Returns the pod's namespace from {@code namespaceFile}.
   *
   * @param secretName for the hint to name the namespace explicitly
   * @throws ProviderException if the file is missing, unreadable, empty or not a namespace name
   */
  static String namespace(Path namespaceFile, String secretName) throws ProviderException {
    String namespace;
    try {
      namespace = Files.readString(namespaceFile, UTF_8).strip();
    } catch (NoSuchFileException e) {
      throw new ProviderException(
          "no namespace given and " + namespaceFile + " does not exist (not in a pod?); name it:"
              + " k8s-secret:namespace/" + secretName, e);
    } catch (IOException e) {
      throw new ProviderException(
          namespaceFile + " cannot be read (" + e.getClass().getSimpleName() + ")", e);
    }
    try {
      return KubernetesSecretProvider.checked(
          namespace, KubernetesSecretProvider.NAMESPACE, "namespace (in " + namespaceFile + ")");
    } catch (IllegalArgumentException e) {
      throw new ProviderException(e.getMessage(), e);
    }
  }
}
