package dev.envelope.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envelope.Profile;
import dev.envelope.aws.testing.SignatureCheck;
import dev.envelope.spi.ProviderRequest;
import dev.envelope.spi.ProviderSnapshot;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** What the tests share: secret values that must never be printed, and how to look for them. */
final class Canaries {
  static final String PASSWORD = "canary-db-password-3d8f-never-print";
  static final String API_KEY = "canary-api-key-91ab-never-print";

  static final ProviderRequest REQUEST = ProviderRequest.of(Profile.PRODUCTION, Set.of(), Map.of());

  private Canaries() {}

  /** Returns a builder for a provider that talks to {@code aws} with the test credentials. */
  static AwsSecretsManagerProvider.Builder providerFor(FakeSecretsManager aws) {
    return AwsSecretsManagerProvider.builder()
        .region(SignatureCheck.REGION)
        .endpoint(aws.endpoint())
        .credentials(credentials(SignatureCheck.SECRET_ACCESS_KEY));
  }

  static StaticCredentialsProvider credentials(String secretAccessKey) {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(SignatureCheck.ACCESS_KEY_ID, secretAccessKey));
  }

  /** Returns the message, stack trace and causes of {@code thrown}, as a log would print them. */
  static String printed(Throwable thrown) {
    StringWriter out = new StringWriter();
    thrown.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  /** Asserts that none of {@code secrets}, nor the test secret access key, appears in {@code output}. */
  static void assertNoneIn(String output, String... secrets) {
    assertThat(output).doesNotContain(SignatureCheck.SECRET_ACCESS_KEY);
    for (String secret : secrets) {
      assertThat(output).doesNotContain(secret);
    }
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
