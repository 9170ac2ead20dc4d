package dev.envelope.gcp;

import static dev.envelope.gcp.Canaries.API_KEY;
import static dev.envelope.gcp.Canaries.DATABASE_URL;
import static dev.envelope.gcp.Canaries.assertNoCanaryIn;
import static dev.envelope.gcp.Canaries.declaring;
import static dev.envelope.gcp.Canaries.origins;
import static dev.envelope.gcp.Canaries.printed;
import static dev.envelope.gcp.Canaries.providerFor;
import static dev.envelope.gcp.Canaries.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.envelope.Env;
import dev.envelope.EnvChange;
import dev.envelope.LiveEnv;
import dev.envelope.Profile;
import dev.envelope.Secret;
import dev.envelope.spi.ProviderException;
import dev.envelope.spi.ProviderRequest;
import dev.envelope.spi.ProviderSnapshot;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Refreshes of live configuration: version metadata first, payloads only when a version moved. */
class GcpSecretManagerRefreshTest {
  private static final String ROTATED = "postgres://app:canary-rotated-77d1-never-print@db/orders";
  private static final ProviderRequest REQUEST = declaring("DATABASE_URL", "API_KEY");
  private static final String DB = "projects/my-project/secrets/DATABASE_URL/versions/latest";
  private static final String KEY = "projects/my-project/secrets/API_KEY/versions/latest";

  private FakeSecretManager gcp;

  @BeforeEach
  void start() {
    gcp = new FakeSecretManager();
    gcp.put("DATABASE_URL", DATABASE_URL);
    gcp.put("API_KEY", API_KEY);
  }

  @AfterEach
  void stop() {
    gcp.close();
  }

  @Test
  void unchangedRefreshAsksForTheVersionsAndAccessesNoPayload() throws Exception {
    GcpSecretManagerProvider provider = providerFor(gcp).build();
    ProviderSnapshot first = provider.fetch(REQUEST);

    ProviderSnapshot second = provider.fetch(REQUEST.withPrevious(first));

    assertThat(gcp.requested()).containsExactlyInAnyOrder(DB, KEY);
    assertThat(gcp.described()).containsExactly(KEY, DB);
    assertThat(second).isSameAs(first);
    assertThat(first.version()).startsWith("gsm-versions/");
    assertNoCanaryIn(first.version() + " " + second);
  }

  @Test
  void newVersionIsAccessedAndItsNumberShownInTheOrigin() throws Exception {
    GcpSecretManagerProvider provider = providerFor(gcp).build();
    ProviderSnapshot first = provider.fetch(REQUEST);
    int added = gcp.put("DATABASE_URL", ROTATED);

    ProviderSnapshot second = provider.fetch(REQUEST.withPrevious(first));
    ProviderSnapshot third = provider.fetch(REQUEST.withPrevious(second));

    assertThat(values(second)).containsEntry("DATABASE_URL", ROTATED).containsEntry("API_KEY", API_KEY);
    assertThat(origins(second)).containsEntry("DATABASE_URL", "gcp-secretmanager my-project/DATABASE_URL (version " + added + ")");
    assertThat(gcp.requested()).hasSize(4);
    assertThat(gcp.described()).hasSize(4);
    assertThat(third).isSameAs(second);
    assertNoCanaryIn(second + " " + second.entries());
  }

  @Test
  void versionPinnedByNumberNeedsNoCallOnRefresh() throws Exception {
    GcpSecretManagerProvider provider = providerFor(gcp).version("DATABASE_URL", "1").build();
    ProviderRequest request = declaring("DATABASE_URL");
    ProviderSnapshot first = provider.fetch(request);
    gcp.put("DATABASE_URL", ROTATED);

    ProviderSnapshot second = provider.fetch(request.withPrevious(first));

    assertThat(second).isSameAs(first);
    assertThat(gcp.described()).isEmpty();
    assertThat(gcp.requested()).hasSize(1);
  }

  @Test
  void aliasMovedToAnotherVersionIsPickedUp() throws Exception {
    gcp.alias("DATABASE_URL", "prod", 1);
    GcpSecretManagerProvider provider = providerFor(gcp).version("DATABASE_URL", "prod").build();
    ProviderRequest request = declaring("DATABASE_URL");
    ProviderSnapshot first = provider.fetch(request);
    gcp.alias("DATABASE_URL", "prod", gcp.put("DATABASE_URL", ROTATED));

    ProviderSnapshot second = provider.fetch(request.withPrevious(first));

    assertThat(values(second)).containsEntry("DATABASE_URL", ROTATED);
    assertThat(gcp.described()).containsExactly("projects/my-project/secrets/DATABASE_URL/versions/prod");
  }

  @Test
  void disabledVersionFailsTheRefreshWithTheServicesReason() throws Exception {
    GcpSecretManagerProvider provider = providerFor(gcp).build();
    ProviderSnapshot first = provider.fetch(REQUEST);
    gcp.setState("DATABASE_URL", 1, FakeSecretManager.State.DISABLED);

    ProviderException thrown = catchThrowableOfType(ProviderException.class, () -> provider.fetch(REQUEST.withPrevious(first)));

    assertThat(thrown.getMessage()).startsWith("DATABASE_URL: ").contains("DISABLED");
    assertNoCanaryIn(printed(thrown));
  }

  @Test
  void deniedGetSecretVersionReadsEveryPayloadSaysSoAndAsksNoMore() throws Exception {
    GcpSecretManagerProvider provider = providerFor(gcp).build();
    ProviderSnapshot first = provider.fetch(REQUEST);
    gcp.denyMetadata();

    ProviderSnapshot second = provider.fetch(REQUEST.withPrevious(first));
    provider.fetch(REQUEST.withPrevious(second));

    assertThat(gcp.described()).hasSize(1);
    assertThat(gcp.requested()).hasSize(6);
    assertThat(second.version()).isEmpty();
    assertThat(second.note()).isEqualTo("GetSecretVersion was denied, so each refresh reads every payload; grant the caller"
        + " secretmanager.versions.get (roles/secretmanager.viewer) and restart to make a refresh that finds nothing"
        + " changed read no payload");
  }

  record AppEnv(Secret<String> databaseUrl, Secret<String> apiKey) {}

  private LiveEnv<AppEnv> watch() {
    // An hour between scheduled refreshes: only the test's own refresh() fetches.
    return Env.builder().hermetic().profile(Profile.PRODUCTION).provider(providerFor(gcp).build())
        .refreshInterval(Duration.ofHours(1)).build().watch(AppEnv.class);
  }

  @Test
  void idleLiveRefreshSendsOnlyTheMetadataCalls() {
    List<EnvChange<AppEnv>> changes = new CopyOnWriteArrayList<>();
    try (LiveEnv<AppEnv> env = watch()) {
      env.onChange(changes::add);

      assertThat(env.refresh()).isFalse();
      assertThat(gcp.requested()).hasSize(2);
      assertThat(gcp.described()).containsExactlyInAnyOrder(DB, KEY);
      assertNoCanaryIn(env + " " + env.get() + " " + env.resolution().report());
    }
    assertThat(changes).isEmpty();
  }

  @Test
  void liveRefreshPicksUpANewVersion() {
    List<EnvChange<AppEnv>> changes = new CopyOnWriteArrayList<>();
    try (LiveEnv<AppEnv> env = watch()) {
      env.onChange(changes::add);
      gcp.put("DATABASE_URL", ROTATED);

      assertThat(env.refresh()).isTrue();
      assertThat(env.get().databaseUrl().reveal()).isEqualTo(ROTATED);
      assertThat(changes).singleElement().satisfies(change -> {
        assertThat(change.variables()).containsExactly("DATABASE_URL");
        assertNoCanaryIn(change.toString());
      });
    }
  }
}
