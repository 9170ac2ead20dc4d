package dev.envelope.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envelope.Profile;
import dev.envelope.spi.ProviderRequest;
import dev.envelope.spi.ProviderSnapshot;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** What the tests share: secret values that must never be printed, and how to look for them. */
final class Canaries {
  static final String DATABASE_URL = "postgres://app:canary-db-5e2a-never-print@db/orders";
  static final String API_KEY = "canary-api-key-c41f-never-print";
  static final String PASSWORD = "canary-password-0b9d-never-print";

  private Canaries() {}

  /** Returns a request of the production profile declaring {@code names}. */
  static ProviderRequest declaring(String... names) {
    return ProviderRequest.of(Profile.PRODUCTION, Set.of(names), Map.of());
  }

  /** Returns a builder for a provider of the project {@link FakeSecretManager#PROJECT} that talks to {@code gcp}. */
  static GcpSecretManagerProvider.Builder providerFor(FakeSecretManager gcp) {
    return GcpSecretManagerProvider.builder().project(FakeSecretManager.PROJECT).clientSettings(gcp.clientSettings());
  }

  /** Returns the message, stack trace and causes of {@code thrown}, as a log would print them. */
  static String printed(Throwable thrown) {
    StringWriter out = new StringWriter();
    thrown.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  /** Asserts that no canary appears in {@code output}. */
  static void assertNoCanaryIn(String output) {
    assertThat(output).doesNotContain("canary");
  }

  static Map<String, String> values(ProviderSnapshot snapshot) {
    Map<String, String> values = new LinkedHashMap<>();
    snapshot.entries().forEach(e -> values.put(e.name(), e.value()));
    return values;
  }

  static Map<String, String> origins(ProviderSnapshot snapshot) {
    Map<String, String> origins = new LinkedHashMap<>();
    snapshot.entries().forEach(e -> origins.put(e.name(), e.origin()));
    return origins;
  }
}
