package dev.envelope.aws;

import static dev.envelope.aws.Canaries.API_KEY;
import static dev.envelope.aws.Canaries.PASSWORD;
import static dev.envelope.aws.Canaries.REQUEST;
import static dev.envelope.aws.Canaries.assertNoneIn;
import static dev.envelope.aws.Canaries.origins;
import static dev.envelope.aws.Canaries.providerFor;
import static dev.envelope.aws.Canaries.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.envelope.Profile;
import dev.envelope.aws.testing.AwsStandIn;
import dev.envelope.aws.testing.SignatureCheck;
import dev.envelope.spi.ProviderRequest;
import dev.envelope.spi.ProviderSnapshot;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

class AwsSecretsManagerProviderTest {
  private FakeSecretsManager aws;

  @BeforeEach
  void start() throws Exception {
    aws = new FakeSecretsManager();
  }

  @AfterEach
  void stop() {
    aws.close();
  }

  @Test
  void jsonSecretExpandsToOneVariablePerKeyUnderThePrefix() throws Exception {
    aws.putString("prod/db", "{\"PASSWORD\":\"" + PASSWORD + "\",\"USER\":\"app\"}");
    String version = aws.versionId("prod/db", "AWSCURRENT");

    AwsSecretsManagerProvider provider = providerFor(aws).jsonSecret("prod/db", "DATABASE_").build();
    ProviderSnapshot snapshot = provider.fetch(REQUEST);

    assertThat(values(snapshot)).containsExactly(entry("DATABASE_PASSWORD", PASSWORD), entry("DATABASE_USER", "app"));
    assertThat(origins(snapshot))
        .containsEntry("DATABASE_PASSWORD", "aws-secretsmanager prod/db#PASSWORD (version " + version + ")");
    assertThat(provider.name()).isEqualTo("aws-secretsmanager prod/db");
    assertNoneIn(snapshot + " " + snapshot.entries() + " " + provider, PASSWORD);
  }

  @Test
  void jsonKeysWithoutPrefixBecomeUpperSnakeCaseNames() throws Exception {
    aws.putString(
        "prod/rds",
        "{\"username\":\"app\",\"password\":\"" + PASSWORD + "\",\"port\":5432,\"dbInstanceIdentifier\":\"main\","
            + "\"db-name\":\"orders\",\"ssl\":true,\"replica\":null}");

    ProviderSnapshot snapshot = providerFor(aws).secret(AwsSecret.json("prod/rds")).build().fetch(REQUEST);

    assertThat(values(snapshot))
        .containsExactly(
            entry("USERNAME", "app"),
            entry("PASSWORD", PASSWORD),
            entry("PORT", "5432"),
            entry("DB_INSTANCE_IDENTIFIER", "main"),
            entry("DB_NAME", "orders"),
            entry("SSL", "true"));
    assertThat(origins(snapshot).get("DB_NAME")).startsWith("aws-secretsmanager prod/rds#db-name (version ");
  }

  @Test
  void plainSecretGoesIntoTheNamedVariable() throws Exception {
    aws.putString("prod/api-key", API_KEY);
    String version = aws.versionId("prod/api-key", "AWSCURRENT");

    ProviderSnapshot snapshot = providerFor(aws).plainSecret("prod/api-key", "API_KEY").build().fetch(REQUEST);

    assertThat(values(snapshot)).containsExactly(entry("API_KEY", API_KEY));
    assertThat(origins(snapshot)).containsExactly(entry("API_KEY", "aws-secretsmanager prod/api-key (version " + version + ")"));
    assertNoneIn(snapshot.toString() + snapshot.entries(), API_KEY);
  }

  @Test
  void binarySecretIsServedAsBase64InTheNamedVariable() throws Exception {
    byte[] key = "binary-canary-\u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1);
    aws.putBinary("prod/signing-key", key);

    ProviderSnapshot snapshot = providerFor(aws).plainSecret("prod/signing-key", "SIGNING_KEY").build().fetch(REQUEST);

    assertThat(Base64.getDecoder().decode(values(snapshot).get("SIGNING_KEY"))).isEqualTo(key);
  }

  @Test
  void fortyFiveSecretsTakeThreeBatchCalls() throws Exception {
    AwsSecretsManagerProvider.Builder builder = providerFor(aws);
    for (int i = 0; i < 45; i++) {
      aws.putString("app/s" + i, "value-" + i);
      builder.plainSecret("app/s" + i, "S" + i);
    }

    ProviderSnapshot snapshot = builder.build().fetch(REQUEST);

    assertThat(snapshot.entries()).hasSize(45);
    assertThat(values(snapshot)).containsEntry("S0", "value-0").containsEntry("S44", "value-44");
    assertThat(aws.calls("BatchGetSecretValue")).isEqualTo(3);
    assertThat(aws.calls("GetSecretValue")).isZero();
    assertThat(idListSizes()).containsExactly(20, 20, 5);
  }

  @Test
  void pagedBatchResultsAreFollowedThroughNextToken() throws Exception {
    aws.pageSize(2);
    AwsSecretsManagerProvider.Builder builder = providerFor(aws);
    for (int i = 0; i < 5; i++) {
      aws.putString("app/p" + i, "value-" + i);
      builder.plainSecret("app/p" + i, "P" + i);
    }

    ProviderSnapshot snapshot = builder.build().fetch(REQUEST);

    assertThat(snapshot.entries()).hasSize(5);
    assertThat(aws.calls("BatchGetSecretValue")).isEqualTo(3);
    assertThat(aws.calls().get(1).body().field("NextToken")).isPresent();
  }

  @Test
  void versionStageAndVersionIdAreReadWithGetSecretValue() throws Exception {
    aws.putString("prod/api-key", "old-" + API_KEY);
    String oldVersion = aws.versionId("prod/api-key", "AWSCURRENT");
    aws.putString("prod/api-key", API_KEY);
    aws.putString("prod/db", "{\"PASSWORD\":\"" + PASSWORD + "\"}");

    ProviderSnapshot snapshot =
        providerFor(aws)
            .secret(AwsSecret.plain("prod/api-key", "API_KEY"))
            .secret(AwsSecret.plain("prod/api-key", "PREVIOUS_API_KEY").withStage("AWSPREVIOUS"))
            .secret(AwsSecret.plain("prod/api-key", "PINNED_API_KEY").withVersionId(oldVersion))
            .secret(AwsSecret.json("prod/db").withStage("AWSCURRENT"))
            .build()
            .fetch(REQUEST);

    assertThat(values(snapshot))
        .containsExactly(
            entry("API_KEY", API_KEY),
            entry("PREVIOUS_API_KEY", "old-" + API_KEY),
            entry("PINNED_API_KEY", "old-" + API_KEY),
            entry("PASSWORD", PASSWORD));
    assertThat(origins(snapshot).get("PREVIOUS_API_KEY")).endsWith("(version " + oldVersion + ")");
    assertThat(aws.calls("BatchGetSecretValue")).isEqualTo(1);
    assertThat(aws.calls("GetSecretValue")).isEqualTo(2);
    JsonNode staged = aws.calls().stream().filter(c -> c.operation().equals("GetSecretValue")).findFirst().orElseThrow().body();
    assertThat(staged.field("VersionStage").map(JsonNode::asString)).contains("AWSPREVIOUS");
  }

  @Test
  void secretsNamedByFullOrPartialArnAreMatchedToTheirValues() throws Exception {
    aws.putString("prod/db", "{\"PASSWORD\":\"" + PASSWORD + "\"}");
    aws.putString("prod/api-key", API_KEY);

    ProviderSnapshot snapshot =
        providerFor(aws)
            .jsonSecret(FakeSecretsManager.arn("prod/db"), "DATABASE_")
            .plainSecret(FakeSecretsManager.ACCOUNT_ARN + "prod/api-key", "API_KEY")
            .build()
            .fetch(REQUEST);

    assertThat(values(snapshot)).containsExactly(entry("DATABASE_PASSWORD", PASSWORD), entry("API_KEY", API_KEY));
    assertThat(origins(snapshot).get("DATABASE_PASSWORD")).startsWith("aws-secretsmanager " + FakeSecretsManager.arn("prod/db") + "#PASSWORD");
  }

  @Test
  void deniedBatchFallsBackToGetSecretValueForEverySecret() throws Exception {
    aws.denyBatch();
    aws.putString("prod/db", "{\"PASSWORD\":\"" + PASSWORD + "\"}");
    aws.putString("prod/api-key", API_KEY);

    ProviderSnapshot snapshot =
        providerFor(aws).jsonSecret("prod/db", "").plainSecret("prod/api-key", "API_KEY").build().fetch(REQUEST);

    assertThat(values(snapshot)).containsExactly(entry("PASSWORD", PASSWORD), entry("API_KEY", API_KEY));
    assertThat(aws.calls("BatchGetSecretValue")).isEqualTo(1);
    assertThat(aws.calls("GetSecretValue")).isEqualTo(2);
    assertThat(snapshot.note()).contains("BatchGetSecretValue was denied");
  }

  @Test
  void earlierSecretWinsWhenTwoGiveTheSameVariable() throws Exception {
    aws.putString("prod/a", "{\"TOKEN\":\"from-a\"}");
    aws.putString("prod/b", "{\"TOKEN\":\"from-b\",\"OTHER\":\"b\"}");

    ProviderSnapshot snapshot = providerFor(aws).jsonSecret("prod/a", "").jsonSecret("prod/b", "").build().fetch(REQUEST);

    assertThat(values(snapshot)).containsExactly(entry("TOKEN", "from-a"), entry("OTHER", "b"));
  }

  @Test
  void regionEndpointAndKeysComeFromTheSettings() throws Exception {
    aws.putString("prod/api-key", API_KEY);
    ProviderRequest request =
        ProviderRequest.of(
            Profile.PRODUCTION,
            Set.of(),
            Map.of(
                "AWS_REGION", SignatureCheck.REGION,
                "AWS_ENDPOINT_URL", aws.endpoint().toString(),
                "AWS_ACCESS_KEY_ID", SignatureCheck.ACCESS_KEY_ID,
                "AWS_SECRET_ACCESS_KEY", SignatureCheck.SECRET_ACCESS_KEY));

    ProviderSnapshot snapshot = AwsSecretsManagerProvider.builder().plainSecret("prod/api-key", "API_KEY").build().fetch(request);

    assertThat(values(snapshot)).containsExactly(entry("API_KEY", API_KEY));
  }

  @Test
  void givenClientIsUsedForEveryFetchAndLeftOpen() throws Exception {
    aws.putString("prod/api-key", API_KEY);
    try (SecretsManagerClient client =
        SecretsManagerClient.builder()
            .region(Region.of(SignatureCheck.REGION))
            .endpointOverride(aws.endpoint())
            .credentialsProvider(Canaries.credentials(SignatureCheck.SECRET_ACCESS_KEY))
            .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
            .build()) {
      AwsSecretsManagerProvider provider =
          AwsSecretsManagerProvider.builder().client(client).plainSecret("prod/api-key", "API_KEY").build();

      assertThat(values(provider.fetch(REQUEST))).containsExactly(entry("API_KEY", API_KEY));
      assertThat(values(provider.fetch(REQUEST))).containsExactly(entry("API_KEY", API_KEY));
      assertThat(client.getSecretValue(b -> b.secretId("prod/api-key")).versionId()).isNotBlank();
      assertNoneIn(provider.toString(), API_KEY);
    }
  }

  private List<Integer> idListSizes() {
    List<Integer> sizes = new ArrayList<>();
    for (AwsStandIn.Call call : aws.calls()) {
      sizes.add(call.body().field("SecretIdList").orElseThrow().asArray().size());
    }
    return sizes;
  }
}
