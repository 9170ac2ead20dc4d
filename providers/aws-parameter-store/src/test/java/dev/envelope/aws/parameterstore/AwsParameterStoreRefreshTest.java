package dev.envelope.aws.parameterstore;

import static dev.envelope.aws.parameterstore.Fixtures.API_KEY;
import static dev.envelope.aws.parameterstore.Fixtures.PASSWORD;
import static dev.envelope.aws.parameterstore.Fixtures.REQUEST;
import static dev.envelope.aws.parameterstore.Fixtures.assertNoneIn;
import static dev.envelope.aws.parameterstore.Fixtures.origins;
import static dev.envelope.aws.parameterstore.Fixtures.providerFor;
import static dev.envelope.aws.parameterstore.Fixtures.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.envelope.Env;
import dev.envelope.EnvChange;
import dev.envelope.LiveEnv;
import dev.envelope.Profile;
import dev.envelope.Secret;
import dev.envelope.aws.testing.AwsStandIn;
import dev.envelope.spi.ProviderSnapshot;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Refreshes of live configuration: names and versions first, values only when one of them moved. */
class AwsParameterStoreRefreshTest {
  private static final String ROTATED = "canary-ps-rotated-password-4b1e-never-print";

  private FakeParameterStore ssm;

  @BeforeEach
  void start() throws Exception {
    ssm = new FakeParameterStore();
    ssm.secure("/app/prod/db/password", PASSWORD).string("/app/prod/db/user", "app").secure("/shared/api-key", API_KEY);
  }

  @AfterEach
  void stop() {
    ssm.close();
  }

  private AwsParameterStoreProvider provider() {
    return providerFor(ssm).path("/app/prod/").parameter("/shared/api-key", "API_KEY").build();
  }

  private List<String> operationsSince(int start) {
    List<AwsStandIn.Call> calls = ssm.calls();
    return calls.subList(start, calls.size()).stream().map(AwsStandIn.Call::operation).toList();
  }

  @Test
  void unchangedRefreshListsVersionsFiftyAPageAndReadsNoValue() throws Exception {
    for (int i = 1; i <= 58; i++) {
      ssm.string(String.format("/app/prod/setting-%02d", i), "value-" + i);
    }
    AwsParameterStoreProvider provider = provider();
    ProviderSnapshot first = provider.fetch(REQUEST);
    int start = ssm.calls().size();

    ProviderSnapshot second = provider.fetch(REQUEST.withPrevious(first));

    assertThat(operationsSince(0).subList(0, start)).containsExactly("GetParameters",
        "GetParametersByPath", "GetParametersByPath", "GetParametersByPath", "GetParametersByPath",
        "GetParametersByPath", "GetParametersByPath");
    assertThat(operationsSince(start)).containsExactly("DescribeParameters", "DescribeParameters", "DescribeParameters");
    assertThat(ssm.calls().get(start).body().field("ParameterFilters").orElseThrow().asArray().get(0)
        .field("Key").orElseThrow().asString()).isEqualTo("Name");
    assertThat(ssm.calls().get(start + 1).body().field("MaxResults").orElseThrow().asNumber()).isEqualTo("50");
    assertThat(second).isSameAs(first);
    assertThat(first.version()).startsWith("ps-versions/");
    assertNoneIn(first.version() + " " + second + " " + provider, PASSWORD, API_KEY);
  }

  @Test
  void overwrittenParameterIsReadAgainWithItsNewVersion() throws Exception {
    AwsParameterStoreProvider provider = provider();
    ProviderSnapshot first = provider.fetch(REQUEST);
    ssm.secure("/app/prod/db/password", ROTATED);
    int start = ssm.calls().size();

    ProviderSnapshot second = provider.fetch(REQUEST.withPrevious(first));

    assertThat(operationsSince(start))
        .containsExactly("DescribeParameters", "DescribeParameters", "GetParameters", "GetParametersByPath");
    assertThat(values(second)).containsEntry("DB_PASSWORD", ROTATED).containsEntry("API_KEY", API_KEY);
    assertThat(origins(second)).containsEntry("DB_PASSWORD", "aws-parameterstore /app/prod/db/password (version 2)");
    assertThat(second.version()).isNotEqualTo(first.version());
    assertNoneIn(second + " " + second.entries(), PASSWORD, API_KEY, ROTATED);
  }

  @Test
  void parameterAddedUnderThePathIsPickedUp() throws Exception {
    AwsParameterStoreProvider provider = provider();
    ProviderSnapshot first = provider.fetch(REQUEST);
    ssm.string("/app/prod/log-level", "debug");

    ProviderSnapshot second = provider.fetch(REQUEST.withPrevious(first));
    ProviderSnapshot third = provider.fetch(REQUEST.withPrevious(second));

    assertThat(values(second)).containsEntry("LOG_LEVEL", "debug");
    assertThat(third).isSameAs(second);
  }

  @Test
  void nameDeletedFailsTheRefreshLikeALoad() throws Exception {
    AwsParameterStoreProvider provider = providerFor(ssm).parameter("/shared/api-key", "API_KEY").parameter("/shared/gone", "GONE").build();
    ssm.string("/shared/gone", "x");
    ProviderSnapshot first = provider.fetch(REQUEST);
    ssm.delete("/shared/gone");

    Throwable thrown = catchThrowable(() -> provider.fetch(REQUEST.withPrevious(first)));

    assertThat(thrown).hasMessageContaining("/shared/gone: Parameter Store lists it among InvalidParameters");
    assertNoneIn(Fixtures.printed(thrown), API_KEY);
  }

  @Test
  void nameAtAFixedVersionNeedsNoCallOnRefresh() throws Exception {
    AwsParameterStoreProvider provider = providerFor(ssm).parameter("/shared/api-key:1", "API_KEY").build();
    ProviderSnapshot first = provider.fetch(REQUEST);
    ssm.secure("/shared/api-key", "canary-newer-key-never-print");
    int start = ssm.calls().size();

    ProviderSnapshot second = provider.fetch(REQUEST.withPrevious(first));

    assertThat(second).isSameAs(first);
    assertThat(operationsSince(start)).isEmpty();
  }

  @Test
  void nameSelectedByLabelIsReadInFullEveryRefresh() throws Exception {
    ssm.label("/shared/api-key", 1, "prod");
    AwsParameterStoreProvider provider = providerFor(ssm).parameter("/shared/api-key:prod", "API_KEY").build();
    ProviderSnapshot first = provider.fetch(REQUEST);
    ssm.secure("/shared/api-key", ROTATED);
    ssm.label("/shared/api-key", 2, "prod");
    int start = ssm.calls().size();

    ProviderSnapshot second = provider.fetch(REQUEST.withPrevious(first));

    assertThat(first.version()).isEmpty();
    assertThat(operationsSince(start)).containsExactly("GetParameters");
    assertThat(values(second)).containsEntry("API_KEY", ROTATED);
  }

  @Test
  void deniedDescribeParametersReadsInFullSaysSoAndAsksNoMore() throws Exception {
    AwsParameterStoreProvider provider = provider();
    ProviderSnapshot first = provider.fetch(REQUEST);
    ssm.denyDescribe();
    int start = ssm.calls().size();

    ProviderSnapshot second = provider.fetch(REQUEST.withPrevious(first));
    int middle = ssm.calls().size();
    provider.fetch(REQUEST.withPrevious(second));

    assertThat(operationsSince(start).subList(0, middle - start))
        .containsExactly("DescribeParameters", "GetParameters", "GetParametersByPath");
    assertThat(operationsSince(middle)).containsExactly("GetParameters", "GetParametersByPath");
    assertThat(second.note()).isEqualTo("DescribeParameters was denied, so each refresh reads every value; allow"
        + " ssm:DescribeParameters (and restart) to make a refresh that finds nothing changed read no value");
    assertThat(second.version()).isEmpty();
  }

  record AppEnv(Db db, Secret<String> apiKey) {
    record Db(String user, Secret<String> password) {}
  }

  private LiveEnv<AppEnv> watch() {
    // An hour between scheduled refreshes: only the test's own refresh() fetches.
    return Env.builder().hermetic().profile(Profile.PRODUCTION).provider(provider())
        .refreshInterval(Duration.ofHours(1)).build().watch(AppEnv.class);
  }

  @Test
  void idleLiveRefreshSendsOnlyTheListings() {
    List<EnvChange<AppEnv>> changes = new CopyOnWriteArrayList<>();
    try (LiveEnv<AppEnv> env = watch()) {
      env.onChange(changes::add);
      int start = ssm.calls().size();

      assertThat(env.refresh()).isFalse();
      assertThat(operationsSince(start)).containsExactly("DescribeParameters", "DescribeParameters");
      assertNoneIn(env + " " + env.get() + " " + env.resolution().report(), PASSWORD, API_KEY);
    }
    assertThat(changes).isEmpty();
  }

  @Test
  void liveRefreshPicksUpAnOverwrittenPassword() {
    List<EnvChange<AppEnv>> changes = new CopyOnWriteArrayList<>();
    try (LiveEnv<AppEnv> env = watch()) {
      env.onChange(changes::add);
      ssm.secure("/app/prod/db/password", ROTATED);

      assertThat(env.refresh()).isTrue();
      assertThat(env.get().db().password().reveal()).isEqualTo(ROTATED);
      assertThat(changes).singleElement().satisfies(change -> {
        assertThat(change.variables()).containsExactly("DB_PASSWORD");
        assertNoneIn(change.toString(), PASSWORD, ROTATED, API_KEY);
      });
    }
  }
}
