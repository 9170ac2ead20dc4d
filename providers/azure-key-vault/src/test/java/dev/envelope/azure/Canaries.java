package dev.envelope.azure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envelope.Profile;
import dev.envelope.spi.ProviderRequest;
import java.util.Map;
import java.util.Set;

/** Values that must never appear in any output, and helpers to prove it. */
final class Canaries {
  /** A secret value served by the local vault. */
  static final String VALUE = "canary-value-4b1f-must-never-print";

  /** The token the test identity hands out. */
  static final String TOKEN = "canary-token-e09d-must-never-print";

  private Canaries() {}

  /** Asserts that no canary appears in {@code output}. */
  static void assertAbsent(String output) {
    assertThat(output).doesNotContain(VALUE).doesNotContain(TOKEN);
  }

  /** Returns a request that declares {@code names}, with no settings. */
  static ProviderRequest request(String... names) {
    return ProviderRequest.of(Profile.PRODUCTION, Set.of(names), Map.of());
  }
}
