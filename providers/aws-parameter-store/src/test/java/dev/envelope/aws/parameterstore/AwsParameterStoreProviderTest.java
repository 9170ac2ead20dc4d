package dev.envelope.aws.parameterstore;

import static dev.envelope.aws.parameterstore.Fixtures.API_KEY;
import static dev.envelope.aws.parameterstore.Fixtures.PASSWORD;
import static dev.envelope.aws.parameterstore.Fixtures.REQUEST;
import static dev.envelope.aws.parameterstore.Fixtures.assertNoneIn;
import static dev.envelope.aws.parameterstore.Fixtures.origins;
import static dev.envelope.aws.parameterstore.Fixtures.providerFor;
import static dev.envelope.aws.parameterstore.Fixtures.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.envelope.aws.testing.AwsStandIn;
import dev.envelope.spi.ProviderSnapshot;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

class AwsParameterStoreProviderTest {
  private FakeParameterStore ssm;

  @BeforeEach
  void start() throws Exception {
    ssm = new FakeParameterStore();
  }

  @AfterEach
  void stop() {
    ssm.close();
  }

  @Test
  void pathLoadsEveryParameterBelowItRecursivelyNamedByTheRestOfTheName() throws Exception {
    ssm.secure("/app/prod/db/password", PASSWORD)
        .string("/app/prod/db/host", "db.internal")
        .string("/app/prod/log-level", "info")
        .string("/app/prod/feature.flags", "a")
        .string("/app/staging/db/host", "other");

    ProviderSnapshot snapshot = providerFor(ssm).path("/app/prod/").build().fetch(REQUEST);

    assertThat(values(snapshot))
        .containsExactly(
            entry("DB_PASSWORD", PASSWORD), entry("DB_HOST", "db.internal"), entry("LOG_LEVEL", "info"),
            entry("FEATURE_FLAGS", "a"));
    assertThat(origins(snapshot)).containsEntry("DB_PASSWORD", "aws-parameterstore /app/prod/db/password (version 1)");
    assertThat(snapshot.entries()).extracting(ProviderSnapshot.Entry::secret).containsExactly(true, false, false, false);
    assertNoneIn(snapshot.toString(), PASSWORD);
  }

  @Test
  void everyRequestAsksForDecryptionRecursivelyTenAPage() throws Exception {
    ssm.secure("/app/prod/db/password", PASSWORD);

    providerFor(ssm).path("/app/prod").build().fetch(REQUEST);

    JsonNode body = ssm.calls().get(0).body();
    assertThat(body.field("Path").orElseThrow().asString()).isEqualTo("/app/prod");
    assertThat(body.field("Recursive").orElseThrow().asBoolean()).isTrue();
    assertThat(body.field("WithDecryption").orElseThrow().asBoolean()).isTrue();
    assertThat(body.field("MaxResults").orElseThrow().asNumber()).isEqualTo("10");
  }

  @Test
  void fortyFiveParametersUnderAPathLoadInExactlyFiveCalls() throws Exception {
    for (int i = 1; i <= 45; i++) {
      ssm.string(String.format("/app/prod/setting-%02d", i), "value-" + i);
    }

    ProviderSnapshot snapshot = providerFor(ssm).path("/app/prod/").build().fetch(REQUEST);

    assertThat(snapshot.entries()).hasSize(45);
    assertThat(values(snapshot)).containsEntry("SETTING_01", "value-1").containsEntry("SETTING_45", "value-45");
    assertThat(ssm.calls("GetParametersByPath")).isEqualTo(5);
    List<AwsStandIn.Call> calls = ssm.calls();
    assertThat(calls.get(0).body().field("NextToken")).isEmpty();
    for (AwsStandIn.Call call : calls.subList(1, 5)) {
      assertThat(call.body().field("NextToken")).isPresent();
    }
  }

  @Test
  void namesAreReadTenACall() throws Exception {
    AwsParameterStoreProvider.Builder builder = providerFor(ssm);
    for (int i = 1; i <= 23; i++) {
      String name = "/shared/key-" + i;
      ssm.string(name, "v" + i);
      builder.parameter(name);
    }

    ProviderSnapshot snapshot = builder.build().fetch(REQUEST);

    assertThat(snapshot.entries()).hasSize(23);
    assertThat(values(snapshot)).containsEntry("KEY_1", "v1").containsEntry("KEY_23", "v23");
    assertThat(ssm.calls("GetParameters")).isEqualTo(3);
    List<Integer> sizes = new ArrayList<>();
    ssm.calls().forEach(c -> sizes.add(c.body().field("Names").orElseThrow().asArray().size()));
    assertThat(sizes).containsExactly(10, 10, 3);
  }

  @Test
  void versionsAndLabelsSelectWhichVersionIsRead() throws Exception {
    ssm.secure("/shared/api-key", "old-" + API_KEY).secure("/shared/api-key", API_KEY).secure("/shared/api-key", "new-" + API_KEY);
    ssm.label("/shared/api-key", 1, "stable");

    ProviderSnapshot snapshot =
        providerFor(ssm)
            .parameter("/shared/api-key:2", "API_KEY")
            .parameter("/shared/api-key:stable", "STABLE_API_KEY")
            .parameter("/shared/api-key", "LATEST_API_KEY")
            .build()
            .fetch(REQUEST);

    assertThat(values(snapshot))
        .containsExactly(
            entry("API_KEY", API_KEY), entry("STABLE_API_KEY", "old-" + API_KEY), entry("LATEST_API_KEY", "new-" + API_KEY));
    assertThat(origins(snapshot))
        .containsEntry("API_KEY", "aws-parameterstore /shared/api-key (version 2)")
        .containsEntry("STABLE_API_KEY", "aws-parameterstore /shared/api-key (version 1)");
    assertThat(ssm.calls("GetParameters")).isEqualTo(1);
  }

  @Test
  void aNameWithoutAVariableBecomesItsLastPart() throws Exception {
    ssm.string("/shared/payments-url", "https://pay.example");

    ProviderSnapshot snapshot = providerFor(ssm).parameter("/shared/payments-url").build().fetch(REQUEST);

    assertThat(values(snapshot)).containsExactly(entry("PAYMENTS_URL", "https://pay.example"));
  }

  @Test
  void theFirstSelectionThatGivesAVariableWins() throws Exception {
    ssm.string("/app/prod/region", "eu-west-1").string("/app/shared/region", "us-east-1");

    ProviderSnapshot snapshot = providerFor(ssm).path("/app/prod/").path("/app/shared/").build().fetch(REQUEST);

    assertThat(values(snapshot)).containsExactly(entry("REGION", "eu-west-1"));
    assertThat(snapshot.entries()).hasSize(1);
  }

  @Test
  void aPrefixGoesBeforeEveryVariableOfAPath() throws Exception {
    ssm.string("/app/prod/db/host", "db.internal");

    ProviderSnapshot snapshot = providerFor(ssm).path("/app/prod/", "APP_").build().fetch(REQUEST);

    assertThat(values(snapshot)).containsExactly(entry("APP_DB_HOST", "db.internal"));
  }

  @Test
  void nameAndToStringShowPathsNeverValues() throws Exception {
    ssm.secure("/app/prod/db/password", PASSWORD);
    AwsParameterStoreProvider provider = providerFor(ssm).path("/app/prod/").parameter("/shared/api-key").build();

    assertThat(provider.name()).isEqualTo("aws-parameterstore /app/prod/ (+1 more)");
    assertThat(provider.selections()).containsExactly("/app/prod/", "/shared/api-key -> API_KEY");
    assertNoneIn(provider.toString(), PASSWORD);
  }
}
