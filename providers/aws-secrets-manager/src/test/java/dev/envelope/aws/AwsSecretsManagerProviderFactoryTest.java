package dev.envelope.aws;

import static dev.envelope.aws.Canaries.API_KEY;
import static dev.envelope.aws.Canaries.PASSWORD;
import static dev.envelope.aws.Canaries.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.envelope.Profile;
import dev.envelope.aws.testing.SignatureCheck;
import dev.envelope.spi.EnvProvider;
import dev.envelope.spi.EnvProviderFactory;
import dev.envelope.spi.ProviderRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AwsSecretsManagerProviderFactoryTest {
  private final AwsSecretsManagerProviderFactory factory = new AwsSecretsManagerProviderFactory();

  private static List<AwsSecret> secretsOf(EnvProvider provider) {
    return ((AwsSecretsManagerProvider) provider).secrets();
  }

  @Test
  void factoryIsFoundByServiceLoaderUnderItsScheme() {
    assertThat(ServiceLoader.load(EnvProviderFactory.class).stream().map(ServiceLoader.Provider::get))
        .anySatisfy(f -> assertThat(f.scheme()).isEqualTo("aws-secretsmanager"));
  }

  @Test
  void uriParametersSetPrefixNameStageAndVersion() {
    List<EnvProvider> providers =
        factory.create(
            List.of(
                URI.create("aws-secretsmanager:prod/db?prefix=DATABASE_"),
                URI.create("aws-secretsmanager:prod/api-key?name=API_KEY"),
                URI.create("aws-secretsmanager:prod/api-key?name=OLD_API_KEY&stage=AWSPREVIOUS"),
                URI.create("aws-secretsmanager:prod/cert?name=CERT&version=0123abcd-v1"),
                URI.create("aws-secretsmanager:prod/plain+name%20x")));

    assertThat(providers).hasSize(1);
    assertThat(secretsOf(providers.get(0)))
        .containsExactly(
            AwsSecret.json("prod/db").withPrefix("DATABASE_"),
            AwsSecret.plain("prod/api-key", "API_KEY"),
            AwsSecret.plain("prod/api-key", "OLD_API_KEY").withStage("AWSPREVIOUS"),
            AwsSecret.plain("prod/cert", "CERT").withVersionId("0123abcd-v1"),
            AwsSecret.json("prod/plain+name x"));
  }

  @Test
  void arnIsAcceptedAsTheSecretId() {
    String arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-Ab12Cd";

    List<EnvProvider> providers = factory.create(List.of(URI.create("aws-secretsmanager:" + arn + "?prefix=DB_")));

    assertThat(secretsOf(providers.get(0))).containsExactly(AwsSecret.json(arn).withPrefix("DB_"));
  }

  @Test
  void urisAreGroupedIntoOneProviderPerRegionAndEndpointInFirstNamedOrder() {
    List<EnvProvider> providers =
        factory.create(
            List.of(
                URI.create("aws-secretsmanager:eu/a?region=eu-west-1"),
                URI.create("aws-secretsmanager:us/b?region=us-east-1"),
                URI.create("aws-secretsmanager:eu/c?region=eu-west-1&name=C"),
                URI.create("aws-secretsmanager:default/d")));

    assertThat(providers).extracting(EnvProvider::name)
        .containsExactly("aws-secretsmanager eu/a (+1 more)", "aws-secretsmanager us/b", "aws-secretsmanager default/d");
  }

  @Test
  void malformedUrisAreRejectedNamingTheUri() {
    assertThatThrownBy(() -> factory.create(List.of(URI.create("aws-secretsmanager:prod/db?prefx=DB_"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Malformed provider URI 'aws-secretsmanager:prod/db?prefx=DB_': unknown option 'prefx'"
            + " (known: prefix, name, stage, version, region, endpoint, maxAttempts, attemptTimeout, timeout); expected"
            + " aws-secretsmanager:SECRET_ID");
    assertThatThrownBy(() -> factory.create(List.of(URI.create("aws-secretsmanager:prod/db?prefix=A_&name=B"))))
        .hasMessageContaining("give either name=");
    assertThatThrownBy(() -> factory.create(List.of(URI.create("aws-secretsmanager:?name=B"))))
        .hasMessageContaining("expected the secret's name or ARN after the scheme");
    assertThatThrownBy(() -> factory.create(List.of(URI.create("aws-secretsmanager:prod/db?stage="))))
        .hasMessageContaining("the option 'stage' needs a value");
    assertThatThrownBy(() -> factory.create(List.of(URI.create("aws-secretsmanager:prod/db?endpoint=localhost"))))
        .hasMessageContaining("endpoint must be an absolute URL");
  }

  @Test
  void secretsFromSeveralUrisAreReadInOneBatch() throws Exception {
    try (FakeSecretsManager aws = new FakeSecretsManager()) {
      aws.putString("prod/db", "{\"PASSWORD\":\"" + PASSWORD + "\"}");
      aws.putString("prod/api-key", API_KEY);
      List<EnvProvider> providers =
          factory.create(
              List.of(
                  URI.create("aws-secretsmanager:prod/db?prefix=DATABASE_&region=eu-west-1&endpoint=" + aws.endpoint()),
                  URI.create("aws-secretsmanager:prod/api-key?name=API_KEY&region=eu-west-1&endpoint=" + aws.endpoint())));
      ProviderRequest request =
          ProviderRequest.of(
              Profile.PRODUCTION,
              Set.of(),
              Map.of(
                  "AWS_ACCESS_KEY_ID", SignatureCheck.ACCESS_KEY_ID,
                  "AWS_SECRET_ACCESS_KEY", SignatureCheck.SECRET_ACCESS_KEY));

      assertThat(providers).hasSize(1);
      assertThat(values(providers.get(0).fetch(request)))
          .containsExactly(entry("DATABASE_PASSWORD", PASSWORD), entry("API_KEY", API_KEY));
      assertThat(aws.calls()).hasSize(1);
      Canaries.assertNoneIn(providers.get(0).toString(), PASSWORD, API_KEY);
    }
  }
}
