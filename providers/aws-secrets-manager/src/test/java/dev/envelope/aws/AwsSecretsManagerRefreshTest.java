package dev.envelope.aws;

import static dev.envelope.aws.Canaries.API_KEY;
import static dev.envelope.aws.Canaries.PASSWORD;
import static dev.envelope.aws.Canaries.REQUEST;
import static dev.envelope.aws.Canaries.assertNoneIn;
import static dev.envelope.aws.Canaries.origins;
import static dev.envelope.aws.Canaries.providerFor;
import static dev.envelope.aws.Canaries.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

import dev.envelope.Env;
import dev.envelope.EnvChange;
import dev.envelope.LiveEnv;
import dev.envelope.Profile;
import dev.envelope.Secret;
import dev.envelope.aws.testing.AwsStandIn;
import dev.envelope.aws.testing.SignatureCheck;
import dev.envelope.spi.ProviderException;
import dev.envelope.spi.ProviderSnapshot;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Refreshes of live configuration: version ids first, values only for the secrets that rotated. */
class AwsSecretsManagerRefreshTest {
  private static final String ROTATED = "canary-rotated-password-5e2c-never-print";

  private FakeSecretsManager aws;
  private SecretsManagerClient rotation;

  @BeforeEach
  void start() throws Exception {
    aws = new FakeSecretsManager();
    aws.putString("prod/db", "{\"USER\":\"app\",\"PASSWORD\":\"" + PASSWORD + "\"}");
    aws.putString("prod/api-key", API_KEY);
    // What a rotation function does, with the real SDK against the stand-in.
    rotation = SecretsManagerClient.builder()
        .region(Region.of(SignatureCheck.REGION))
        .endpointOverride(aws.endpoint())
        .credentialsProvider(Canaries.credentials(SignatureCheck.SECRET_ACCESS_KEY))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  @AfterEach
  void stop() {
    rotation.close();
    aws.close();
  }

  private AwsSecretsManagerProvider provider() {
    return providerFor(aws).jsonSecret("prod/db", "DATABASE_").plainSecret("prod/api-key", "API_KEY").build();
  }

  /** Runs a rotation's createSecret step: the new password as a version labelled AWSPENDING. */
  private String createPending(String password) {
    String token = UUID.randomUUID().toString();
    rotation.putSecretValue(b -> b.secretId("prod/db").clientRequestToken(token)
        .secretString("{\"USER\":\"app\",\"PASSWORD\":\"" + password + "\"}").versionStages("AWSPENDING"));
    return token;
  }

  /** Runs a rotation's finishSecret step: AWSCURRENT moved onto the pending version. */
  private void finish(String pending) {
    String current = aws.versionId("prod/db", "AWSCURRENT");
    rotation.updateSecretVersionStage(b -> b.secretId("prod/db").versionStage("AWSCURRENT")
        .moveToVersionId(pending).removeFromVersionId(current));
  }

  private List<String> callsSince(int start) {
    return aws.calls().subList(start, aws.calls().size()).stream()
        .map(call -> call.operation() + " " + ids(call.body())).toList();
  }

  private static String ids(JsonNode body) {
    return body.field("SecretId").map(JsonNode::asString)
        .orElseGet(() -> body.field("SecretIdList").map(list -> list.asArray().stream().map(JsonNode::asString).toList().toString()).orElse(""));
  }

  @Test
  void unchangedRefreshCostsOneDescribeSecretPerSecretAndReadsNoValue() throws Exception {
    AwsSecretsManagerProvider provider = provider();
    ProviderSnapshot first = provider.fetch(REQUEST);
    int start = aws.calls().size();

    ProviderSnapshot second = provider.fetch(REQUEST.withPrevious(first));

    assertThat(callsSince(0).subList(0, start)).containsExactly("BatchGetSecretValue [prod/db, prod/api-key]");
    assertThat(callsSince(start)).containsExactly("DescribeSecret prod/db", "DescribeSecret prod/api-key");
    assertThat(second).isSameAs(first);
    assertThat(first.version()).startsWith("sm-versions/");
    assertNoneIn(first.version() + " " + second + " " + provider, PASSWORD, API_KEY);
  }

  @Test
  void pendingVersionChangesNothingUntilTheRotationMovesAwsCurrent() throws Exception {
    AwsSecretsManagerProvider provider = provider();
    ProviderSnapshot first = provider.fetch(REQUEST);
    String before = aws.versionId("prod/db", "AWSCURRENT");
    String pending = createPending(ROTATED);

    ProviderSnapshot during = provider.fetch(REQUEST.withPrevious(first));
    finish(pending);
    int start = aws.calls().size();
    ProviderSnapshot after = provider.fetch(REQUEST.withPrevious(during));

    assertThat(during).isSameAs(first);
    assertThat(aws.stages("prod/db")).containsEntry(before, Set.of("AWSPREVIOUS")).containsEntry(pending, Set.of("AWSCURRENT", "AWSPENDING"));
    assertThat(callsSince(start)).containsExactly(
        "DescribeSecret prod/db", "DescribeSecret prod/api-key", "BatchGetSecretValue [prod/db]");
    assertThat(values(after)).containsExactly(
        entry("DATABASE_USER", "app"), entry("DATABASE_PASSWORD", ROTATED), entry("API_KEY", API_KEY));
    assertThat(origins(after)).containsEntry("DATABASE_PASSWORD", "aws-secretsmanager prod/db#PASSWORD (version " + pending + ")");
    assertThat(after.version()).isNotEqualTo(first.version()).startsWith("sm-versions/");
    assertNoneIn(after + " " + after.entries() + " " + provider, PASSWORD, API_KEY, ROTATED);
  }

  @Test
  void refreshAfterARotationIsUnchangedAgainAtTheCostOfTheDescribes() throws Exception {
    AwsSecretsManagerProvider provider = provider();
    ProviderSnapshot first = provider.fetch(REQUEST);
    finish(createPending(ROTATED));
    ProviderSnapshot rotated = provider.fetch(REQUEST.withPrevious(first));
    int start = aws.calls().size();

    ProviderSnapshot again = provider.fetch(REQUEST.withPrevious(rotated));

    assertThat(again).isSameAs(rotated);
    assertThat(callsSince(start)).containsExactly("DescribeSecret prod/db", "DescribeSecret prod/api-key");
  }

  @Test
  void secretPinnedToAVersionIdNeedsNoCallOnRefresh() throws Exception {
    String pinned = aws.versionId("prod/api-key", "AWSCURRENT");
    AwsSecretsManagerProvider provider =
        providerFor(aws).secret(AwsSecret.plain("prod/api-key", "API_KEY").withVersionId(pinned)).build();
    ProviderSnapshot first = provider.fetch(REQUEST);
    aws.putString("prod/api-key", "canary-newer-key-never-print");
    int start = aws.calls().size();

    ProviderSnapshot second = provider.fetch(REQUEST.withPrevious(first));

    assertThat(second).isSameAs(first);
    assertThat(callsSince(start)).isEmpty();
  }

  @Test
  void secretPinnedToAStageFollowsThatStage() throws Exception {
    AwsSecretsManagerProvider provider =
        providerFor(aws).secret(AwsSecret.json("prod/db").withStage("AWSPREVIOUS").withPrefix("OLD_")).build();
    aws.putString("prod/db", "{\"USER\":\"app\",\"PASSWORD\":\"second-" + PASSWORD + "\"}");
    ProviderSnapshot first = provider.fetch(REQUEST);
    finish(createPending(ROTATED));
    int start = aws.calls().size();

    ProviderSnapshot second = provider.fetch(REQUEST.withPrevious(first));

    assertThat(values(first)).containsEntry("OLD_PASSWORD", PASSWORD);
    assertThat(values(second)).containsEntry("OLD_PASSWORD", "second-" + PASSWORD);
    assertThat(callsSince(start)).containsExactly("DescribeSecret prod/db", "GetSecretValue prod/db");
  }

  @Test
  void deniedDescribeSecretReadsEveryValueSaysSoAndAsksNoMore() throws Exception {
    AwsSecretsManagerProvider provider = provider();
    ProviderSnapshot first = provider.fetch(REQUEST);
    aws.denyDescribe();
    int start = aws.calls().size();

    ProviderSnapshot second = provider.fetch(REQUEST.withPrevious(first));
    int middle = aws.calls().size();
    ProviderSnapshot third = provider.fetch(REQUEST.withPrevious(second));

    assertThat(callsSince(start).subList(0, middle - start)).containsExactly(
        "DescribeSecret prod/db", "BatchGetSecretValue [prod/db, prod/api-key]");
    assertThat(callsSince(middle)).containsExactly("BatchGetSecretValue [prod/db, prod/api-key]");
    assertThat(second.note()).isEqualTo("DescribeSecret was denied, so each refresh reads every value; allow"
        + " secretsmanager:DescribeSecret on the secrets (and restart) to make a refresh that finds nothing changed read no value");
    assertThat(second.version()).isEmpty();
    assertThat(values(third)).isEqualTo(values(first));
  }

  @Test
  void secretScheduledForDeletionFailsTheRefreshWithTheServicesReason() throws Exception {
    AwsSecretsManagerProvider provider = provider();
    ProviderSnapshot first = provider.fetch(REQUEST);
    aws.scheduleDeletion("prod/db");

    ProviderException thrown = catchThrowableOfType(ProviderException.class, () -> provider.fetch(REQUEST.withPrevious(first)));

    assertThat(thrown.getMessage()).isEqualTo("prod/db: InvalidRequestException: You can't perform this operation on the"
        + " secret because it was marked for deletion.");
    assertNoneIn(Canaries.printed(thrown), PASSWORD, API_KEY);
  }

  @Test
  void throttledDescribeFailsTheRefreshAndTheNextOneStillWorks() throws Exception {
    AwsSecretsManagerProvider provider = providerFor(aws).maxAttempts(1)
        .jsonSecret("prod/db", "DATABASE_").plainSecret("prod/api-key", "API_KEY").build();
    ProviderSnapshot first = provider.fetch(REQUEST);
    aws.failNext(1, 400, "ThrottlingException", "Rate exceeded");

    ProviderException thrown = catchThrowableOfType(ProviderException.class, () -> provider.fetch(REQUEST.withPrevious(first)));
    ProviderSnapshot next = provider.fetch(REQUEST.withPrevious(first));

    assertThat(thrown.getMessage()).contains("ThrottlingException").contains("Rate exceeded");
    assertThat(next).isSameAs(first);
    assertNoneIn(Canaries.printed(thrown), PASSWORD, API_KEY);
  }

  record AppEnv(Database database, Secret<String> apiKey) {
    record Database(String user, Secret<String> password) {}
  }

  private LiveEnv<AppEnv> watch() {
    // An hour between scheduled refreshes: only the test's own refresh() fetches.
    return Env.builder().hermetic().profile(Profile.PRODUCTION).provider(provider())
        .refreshInterval(Duration.ofHours(1)).build().watch(AppEnv.class);
  }

  @Test
  void idleLiveRefreshSendsOnlyTheDescribes() {
    List<EnvChange<AppEnv>> changes = new CopyOnWriteArrayList<>();
    try (LiveEnv<AppEnv> env = watch()) {
      env.onChange(changes::add);
      int start = aws.calls().size();

      boolean changed = env.refresh();

      assertThat(changed).isFalse();
      assertThat(callsSince(start)).containsExactly("DescribeSecret prod/db", "DescribeSecret prod/api-key");
      assertThat(env.get().database().password().reveal()).isEqualTo(PASSWORD);
      assertNoneIn(env + " " + env.get() + " " + env.resolution().report(), PASSWORD, API_KEY);
    }
    assertThat(changes).isEmpty();
  }

  @Test
  void liveRefreshPicksUpARotatedPassword() {
    List<EnvChange<AppEnv>> changes = new CopyOnWriteArrayList<>();
    try (LiveEnv<AppEnv> env = watch()) {
      env.onChange(changes::add);
      finish(createPending(ROTATED));

      boolean changed = env.refresh();

      assertThat(changed).isTrue();
      assertThat(env.get().database().password().reveal()).isEqualTo(ROTATED);
      assertThat(changes).singleElement().satisfies(change -> {
        assertThat(change.variables()).containsExactly("DATABASE_PASSWORD");
        assertNoneIn(change.toString(), PASSWORD, ROTATED, API_KEY);
      });
      assertNoneIn(env.resolution().report().toString(), PASSWORD, ROTATED, API_KEY);
    }
    assertThat(aws.calls().stream().map(AwsStandIn.Call::operation))
        .containsExactly("BatchGetSecretValue", "PutSecretValue", "UpdateSecretVersionStage",
            "DescribeSecret", "DescribeSecret", "BatchGetSecretValue");
  }
}
