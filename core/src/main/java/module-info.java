/**
 * Envelope's core: typed, validated environment configuration from a record schema. Exports the API
 * ({@code dev.envelope}) and the provider SPI ({@code dev.envelope.spi}); everything in {@code
 * dev.envelope.internal} is hidden.
 *
 * <p>Envelope reads the application's schema records by reflection, so a named module that declares
 * them opens their package to {@code dev.envelope} (and to {@code org.hibernate.validator} when a
 * constraint needs Hibernate Validator).
 */
module dev.envelope {
  exports dev.envelope;
  exports dev.envelope.spi;

  // Public API types: ProviderConfigSource is a ConfigSource; schemas use Jakarta constraints.
  requires transitive org.eclipse.microprofile.config;
  requires transitive jakarta.validation;
  requires io.smallrye.config;
  requires org.hibernate.validator;
  // Hibernate Validator logs through JBoss Logging to java.util.logging; its HV000001 banner is muted there.
  requires java.logging;
  // CappedBody, for providers that use the JDK's HTTP client (a JDK module: nothing to download).
  requires transitive java.net.http;

  uses dev.envelope.spi.EnvProviderFactory;
  uses dev.envelope.Converter;
}
