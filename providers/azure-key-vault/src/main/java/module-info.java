/** Envelope's Azure Key Vault provider, over the JDK's HttpClient. */
module dev.envelope.azure {
  exports dev.envelope.azure;

  requires transitive dev.envelope;
  // The builder takes a TokenCredential and an azure-core HttpClient.
  requires transitive com.azure.core;
  requires com.azure.core.http.jdk.httpclient;
  requires com.azure.identity;
  requires com.azure.json;
  requires com.azure.security.keyvault.secrets;
  requires java.net.http;

  provides dev.envelope.spi.EnvProviderFactory with dev.envelope.azure.AzureKeyVaultProviderFactory;
}
