package dev.envelope.azure;

import java.net.URI;
import java.util.Locale;

/**
 * The vault a provider reads, as people name it: its URL and its short name, the first label of
 * the host ({@code my-vault} for {@code https://my-vault.vault.azure.net}), or host and port for a
 * vault reached by address.
 *
 * @param url the vault URL, {@code https://my-vault.vault.azure.net}
 * @param name the short name used in origins and messages
 */
record Vault(String url, String name) {
  /**
   * Returns the vault at {@code url}.
   *
   * @throws IllegalArgumentException if {@code url} is not an {@code https} URL with a host and no
   *     path, query or fragment
   */
  static Vault of(String url) {
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("vault URL '" + url + "' is not a URL: " + e.getReason());
    }
    String host = uri.getHost();
    if (!"https".equalsIgnoreCase(uri.getScheme()) || host == null) {
      throw new IllegalArgumentException(
          "vault URL '" + url + "' must be an https URL with a host, like https://my-vault.vault.azure.net");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (!(path.isEmpty() || path.equals("/")) || uri.getRawQuery() != null || uri.getRawFragment() != null
        || uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "vault URL '" + url + "' must be the vault's address only (https://my-vault.vault.azure.net), without path, query or user");
    }
    host = host.toLowerCase(Locale.ROOT);
    String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
    boolean address = host.startsWith("[") || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))
        || host.equals("localhost");
    String name = address || host.indexOf('.') < 0 ? host + port : host.substring(0, host.indexOf('.'));
    return new Vault("https://" + host + port, name);
  }
}
