package dev.envelope.aws;

import static dev.envelope.aws.Canaries.API_KEY;
import static dev.envelope.aws.Canaries.PASSWORD;
import static dev.envelope.aws.Canaries.assertNoneIn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.envelope.Env;
import dev.envelope.Resolution;
import dev.envelope.Secret;
import dev.envelope.aws.testing.SignatureCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loads a record through {@link Env} with the provider named in {@code ENVELOPE_PROVIDERS}, as a deployment would. */
class AwsSecretsManagerEnvTest {
  record AppEnv(Database database, Secret<String> apiKey, Secret<byte[]> signingKey) {
    record Database(String user, Secret<String> password) {}
  }

  @Test
  void providersListedInADotEnvFileLoadARecordWithOriginsAndMaskedValues(@TempDir Path directory) throws Exception {
    byte[] signingKey = {0, 1, 2, (byte) 0xff};
    try (FakeSecretsManager aws = new FakeSecretsManager()) {
      aws.putString("prod/db", "{\"USER\":\"app\",\"PASSWORD\":\"" + PASSWORD + "\"}");
      aws.putString("prod/api-key", API_KEY);
      aws.putBinary("prod/signing-key", signingKey);
      Files.writeString(
          directory.resolve(".env"),
          "ENVELOPE_PROVIDERS=aws-secretsmanager:prod/db?prefix=DATABASE_,"
              + "aws-secretsmanager:prod/api-key?name=API_KEY,aws-secretsmanager:prod/signing-key?name=SIGNING_KEY\n"
              + "AWS_REGION=" + SignatureCheck.REGION + "\n"
              + "AWS_ENDPOINT_URL_SECRETS_MANAGER=" + aws.endpoint() + "\n"
              + "AWS_ACCESS_KEY_ID=" + SignatureCheck.ACCESS_KEY_ID + "\n"
              + "AWS_SECRET_ACCESS_KEY=" + SignatureCheck.SECRET_ACCESS_KEY + "\n");

      Resolution<AppEnv> resolution =
          Env.builder().environment(Map.of()).directory(directory).profile("staging").resolve(AppEnv.class);

      AppEnv env = resolution.value();
      assertThat(env.database().user()).isEqualTo("app");
      assertThat(env.database().password().reveal()).isEqualTo(PASSWORD);
      assertThat(env.apiKey().reveal()).isEqualTo(API_KEY);
      assertThat(env.signingKey().reveal()).isEqualTo(signingKey);
      assertThat(resolution.report().variable("DATABASE_PASSWORD").orElseThrow().origin())
          .isEqualTo("aws-secretsmanager prod/db#PASSWORD (version " + aws.versionId("prod/db", "AWSCURRENT") + ")");
      assertThat(aws.calls()).hasSize(1);
      assertNoneIn(resolution.report() + " " + env, PASSWORD, API_KEY);
    }
  }
}
