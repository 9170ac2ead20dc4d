package dev.envelope.azure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envelope.Env;
import dev.envelope.EnvChange;
import dev.envelope.LiveEnv;
import dev.envelope.Profile;
import dev.envelope.Secret;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Refreshes of live configuration: Key Vault has no conditional or metadata-only read of a secret's
 * current version, so every refresh reads each declared secret again, one {@code GET} each.
 */
class AzureKeyVaultRefreshTest {
  private static final String ROTATED = "canary-rotated-9c2e-must-never-print";

  private FakeKeyVault vault;

  @BeforeEach
  void start() throws Exception {
    vault = new FakeKeyVault(Canaries.TOKEN);
    vault.put("database-url", "3f2a9c0e54d84b0c9f3c1f9f0a1b2c3d", Canaries.VALUE);
    vault.put("api-key", "9b1c0000000000000000000000000001", "plain-key");
  }

  @AfterEach
  void stop() {
    vault.close();
  }

  record AppEnv(Secret<String> databaseUrl, Secret<String> apiKey) {}

  private LiveEnv<AppEnv> watch() throws Exception {
    AzureKeyVaultProvider provider = AzureKeyVaultProvider.builder()
        .vaultUrl(vault.url())
        .credential(TestCredential.issuing(Canaries.TOKEN))
        .sslContext(TestTls.client())
        .disableChallengeResourceVerification()
        .build();
    // An hour between scheduled refreshes: only the test's own refresh() fetches.
    return Env.builder().hermetic().profile(Profile.PRODUCTION).provider(provider)
        .refreshInterval(Duration.ofHours(1)).build().watch(AppEnv.class);
  }

  @Test
  void idleRefreshReadsEachDeclaredSecretOnceMore() throws Exception {
    List<EnvChange<AppEnv>> changes = new CopyOnWriteArrayList<>();
    try (LiveEnv<AppEnv> env = watch()) {
      env.onChange(changes::add);
      int start = vault.requests().size();

      assertThat(env.refresh()).isFalse();

      List<FakeKeyVault.Request> sent = vault.requests().subList(start, vault.requests().size());
      assertThat(sent).extracting(FakeKeyVault.Request::path)
          .containsExactlyInAnyOrder("/secrets/database-url/", "/secrets/api-key/");
      assertThat(sent).allSatisfy(request -> assertThat(request.authorized()).isTrue());
      Canaries.assertAbsent(env + " " + env.get() + " " + env.resolution().report());
    }
    assertThat(changes).isEmpty();
  }

  @Test
  void newVersionIsPickedUpAtTheNextRefresh() throws Exception {
    List<EnvChange<AppEnv>> changes = new CopyOnWriteArrayList<>();
    try (LiveEnv<AppEnv> env = watch()) {
      env.onChange(changes::add);
      vault.put("database-url", "7d00000000000000000000000000000e", ROTATED);

      assertThat(env.refresh()).isTrue();

      assertThat(env.get().databaseUrl().reveal()).isEqualTo(ROTATED);
      assertThat(env.resolution().report().variable("DATABASE_URL").orElseThrow().origin())
          .endsWith("/database-url (version 7d00000000000000000000000000000e)");
      assertThat(changes).singleElement().satisfies(change -> {
        assertThat(change.variables()).containsExactly("DATABASE_URL");
        assertThat(change.toString()).doesNotContain(ROTATED);
        Canaries.assertAbsent(change.toString());
      });
    }
  }
}
