/**
 * Envelope's JUnit 5 support: {@code @EnvTest}, the assertions and the provider contract kit.
 *
 * <p>The package is opened to JUnit, which calls the contract kits' package-private test methods by
 * reflection, and to Envelope, which builds the kits' own schema records by reflection.
 */
module dev.envelope.junit {
  exports dev.envelope.junit;
  opens dev.envelope.junit to dev.envelope, org.junit.platform.commons;

  // Public API types: the assertions take Envelope's types; EnvExtension is a JUnit extension.
  requires transitive dev.envelope;
  requires transitive org.junit.jupiter.api;
  // ProvidedNames reads Kubernetes manifests and Compose files.
  requires org.yaml.snakeyaml;
}
