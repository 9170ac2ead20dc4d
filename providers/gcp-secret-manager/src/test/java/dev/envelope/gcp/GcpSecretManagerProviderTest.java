package dev.envelope.gcp;

import static dev.envelope.gcp.Canaries.API_KEY;
import static dev.envelope.gcp.Canaries.DATABASE_URL;
import static dev.envelope.gcp.Canaries.PASSWORD;
import static dev.envelope.gcp.Canaries.assertNoCanaryIn;
import static dev.envelope.gcp.Canaries.declaring;
import static dev.envelope.gcp.Canaries.origins;
import static dev.envelope.gcp.Canaries.providerFor;
import static dev.envelope.gcp.Canaries.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.envelope.spi.ProviderSnapshot;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GcpSecretManagerProviderTest {
  private FakeSecretManager gcp;

  @BeforeEach
  void start() {
    gcp = new FakeSecretManager();
  }

  @AfterEach
  void stop() {
    gcp.close();
  }

  @Test
  void declaredVariableIsReadFromTheLatestVersionOfTheSecretOfTheSameName() throws Exception {
    gcp.put("DATABASE_URL", "postgres://old");
    gcp.put("DATABASE_URL", DATABASE_URL);

    ProviderSnapshot snapshot = providerFor(gcp).build().fetch(declaring("DATABASE_URL"));

    assertThat(values(snapshot)).containsExactly(entry("DATABASE_URL", DATABASE_URL));
    assertThat(origins(snapshot)).containsExactly(entry("DATABASE_URL", "gcp-secretmanager my-project/DATABASE_URL (version 2)"));
    assertThat(gcp.requested()).containsExactly("projects/my-project/secrets/DATABASE_URL/versions/latest");
    assertNoCanaryIn(snapshot.toString());
  }

  @Test
  void onlyDeclaredVariablesAreRequestedAndUndeclaredSecretsAreNeverRead() throws Exception {
    gcp.put("API_KEY", API_KEY);
    gcp.put("OTHER_APP_PASSWORD", PASSWORD);

    ProviderSnapshot snapshot = providerFor(gcp).build().fetch(declaring("API_KEY", "LOG_LEVEL"));

    assertThat(values(snapshot)).containsExactly(entry("API_KEY", API_KEY));
    assertThat(gcp.requested())
        .containsExactlyInAnyOrder(
            "projects/my-project/secrets/API_KEY/versions/latest", "projects/my-project/secrets/LOG_LEVEL/versions/latest");
  }

  @Test
  void mappedSecretWithAPinnedVersionNamesBothInTheOrigin() throws Exception {
    for (int i = 1; i <= 5; i++) {
      gcp.put("database-url", i == 4 ? DATABASE_URL : "postgres://version-" + i);
    }

    ProviderSnapshot snapshot =
        providerFor(gcp).secret("DATABASE_URL", "database-url").version("database-url", "4").build()
            .fetch(declaring("DATABASE_URL"));

    assertThat(values(snapshot)).containsExactly(entry("DATABASE_URL", DATABASE_URL));
    assertThat(origins(snapshot)).containsExactly(entry("DATABASE_URL", "gcp-secretmanager my-project/database-url (version 4)"));
    assertThat(gcp.requested()).containsExactly("projects/my-project/secrets/database-url/versions/4");
  }

  @Test
  void aliasIsRequestedByNameAndTheOriginShowsTheVersionItResolvedTo() throws Exception {
    gcp.put("API_KEY", API_KEY);
    gcp.put("API_KEY", "canary-newer-key-not-yet-live");
    gcp.alias("API_KEY", "prod", 1);

    ProviderSnapshot snapshot = providerFor(gcp).version("API_KEY", "prod").build().fetch(declaring("API_KEY"));

    assertThat(values(snapshot)).containsExactly(entry("API_KEY", API_KEY));
    assertThat(origins(snapshot)).containsExactly(entry("API_KEY", "gcp-secretmanager my-project/API_KEY (version 1)"));
    assertThat(gcp.requested()).containsExactly("projects/my-project/secrets/API_KEY/versions/prod");
  }

  @Test
  void missingSecretOrSecretWithoutVersionsLeavesTheVariableToOtherSources() throws Exception {
    gcp.create("SENTRY_DSN");
    gcp.put("API_KEY", API_KEY);

    ProviderSnapshot snapshot = providerFor(gcp).build().fetch(declaring("API_KEY", "SENTRY_DSN", "SMTP_HOST"));

    assertThat(values(snapshot)).containsExactly(entry("API_KEY", API_KEY));
    assertThat(gcp.requested()).hasSize(3);
  }

  @Test
  void jsonSecretExpandsIntoOneVariablePerKeyUnderItsPrefix() throws Exception {
    gcp.put("orders-db", "{\"host\":\"db.internal\",\"port\":5432,\"password\":\"" + PASSWORD + "\"}");

    ProviderSnapshot snapshot = providerFor(gcp).only(List.of()).jsonSecret("orders-db", "DATABASE_").build().fetch(declaring("DATABASE_HOST"));

    assertThat(values(snapshot))
        .containsExactly(entry("DATABASE_HOST", "db.internal"), entry("DATABASE_PORT", "5432"), entry("DATABASE_PASSWORD", PASSWORD));
    assertThat(origins(snapshot)).containsEntry("DATABASE_PASSWORD", "gcp-secretmanager my-project/orders-db#password (version 1)");
    assertThat(gcp.requested()).containsExactly("projects/my-project/secrets/orders-db/versions/latest");
    assertNoCanaryIn(snapshot.toString() + snapshot.entries());
  }

  @Test
  void aVariableReadFromItsOwnSecretWinsOverTheSameNameFromAJsonSecret() throws Exception {
    gcp.put("DATABASE_PASSWORD", PASSWORD);
    gcp.put("orders-db", "{\"password\":\"canary-stale-json-password\",\"host\":\"db\"}");

    ProviderSnapshot snapshot =
        providerFor(gcp).jsonSecret("orders-db", "DATABASE_").build().fetch(declaring("DATABASE_PASSWORD", "DATABASE_HOST"));

    assertThat(values(snapshot)).containsEntry("DATABASE_PASSWORD", PASSWORD).containsEntry("DATABASE_HOST", "db").hasSize(2);
  }

  @Test
  void onlyRestrictsWhichDeclaredVariablesAreRead() throws Exception {
    gcp.put("API_KEY", API_KEY);

    ProviderSnapshot snapshot = providerFor(gcp).only(List.of("API_KEY")).build().fetch(declaring("API_KEY", "APP_ENV", "PORT"));

    assertThat(values(snapshot)).containsExactly(entry("API_KEY", API_KEY));
    assertThat(gcp.requested()).containsExactly("projects/my-project/secrets/API_KEY/versions/latest");
  }

  @Test
  void variableNamesThatCannotBeSecretIdsAreNotRequested() throws Exception {
    ProviderSnapshot snapshot = providerFor(gcp).build().fetch(declaring("app.url", "API_KEY"));

    assertThat(snapshot.entries()).isEmpty();
    assertThat(gcp.requested()).containsExactly("projects/my-project/secrets/API_KEY/versions/latest");
  }

  @Test
  void callsRunConcurrentlyButNeverMoreThanMaxConcurrencyAtOnce() throws Exception {
    String[] names = {"A1", "A2", "A3", "A4", "A5", "A6"};
    for (String name : names) {
      gcp.put(name, "value-" + name);
    }
    CountDownLatch twoWaiting = gcp.closeGate(2);
    GcpSecretManagerProvider provider = providerFor(gcp).maxConcurrency(2).build();
    AtomicReference<Object> result = new AtomicReference<>();
    Thread fetch = new Thread(() -> {
      try {
        result.set(provider.fetch(declaring(names)));
      } catch (Exception e) {
        result.set(e);
      }
    });
    fetch.start();

    assertThat(twoWaiting.await(30, TimeUnit.SECONDS)).as("two calls at the gate").isTrue();
    gcp.open();
    fetch.join(30_000);

    assertThat(result.get()).isInstanceOf(ProviderSnapshot.class);
    assertThat(values((ProviderSnapshot) result.get())).hasSize(6);
    assertThat(gcp.mostInFlight()).isEqualTo(2);
  }

  @Test
  void emptyPayloadIsAnEmptyValue() throws Exception {
    gcp.put("FEATURE_FLAGS", "");

    ProviderSnapshot snapshot = providerFor(gcp).build().fetch(declaring("FEATURE_FLAGS"));

    assertThat(values(snapshot)).containsExactly(entry("FEATURE_FLAGS", ""));
  }

  @Test
  void nameAndToStringShowTheProjectAndWhatIsReadButNoValue() throws Exception {
    gcp.put("API_KEY", API_KEY);
    GcpSecretManagerProvider provider = providerFor(gcp).secret("DATABASE_URL", "database-url").version("database-url", "4").build();
    provider.fetch(declaring("API_KEY"));

    assertThat(provider.name()).isEqualTo("gcp-secretmanager my-project");
    assertThat(provider.toString())
        .isEqualTo("GcpSecretManagerProvider[gcp-secretmanager my-project, declared variables,"
            + " secrets {DATABASE_URL=database-url}, versions {database-url=4}, maxConcurrency 8,"
            + " FetchLimits[maxAttempts=3, attemptTimeout=10 s, timeout=25 s], client endpoint " + gcp.endpoint() + "]");
  }
}
