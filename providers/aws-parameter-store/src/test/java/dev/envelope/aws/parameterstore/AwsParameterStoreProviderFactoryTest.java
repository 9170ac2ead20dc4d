package dev.envelope.aws.parameterstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envelope.spi.EnvProvider;
import dev.envelope.spi.EnvProviderFactory;
import dev.envelope.spi.FetchLimits;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class AwsParameterStoreProviderFactoryTest {
  private final AwsParameterStoreProviderFactory factory = new AwsParameterStoreProviderFactory();

  private static AwsParameterStoreProvider only(List<EnvProvider> providers) {
    assertThat(providers).hasSize(1);
    return (AwsParameterStoreProvider) providers.get(0);
  }

  @Test
  void factoryIsFoundByServiceLoaderUnderItsScheme() {
    assertThat(ServiceLoader.load(EnvProviderFactory.class).stream().map(ServiceLoader.Provider::get))
        .anySatisfy(f -> assertThat(f.scheme()).isEqualTo("aws-parameterstore"));
  }

  @Test
  void aTrailingSlashMeansAPathAndAnythingElseOneParameter() {
    AwsParameterStoreProvider provider =
        only(
            factory.create(
                List.of(
                    URI.create("aws-parameterstore:/app/prod/"),
                    URI.create("aws-parameterstore:/app/shared/?prefix=SHARED_"),
                    URI.create("aws-parameterstore:/shared/api-key:3?name=API_KEY"),
                    URI.create("aws-parameterstore:/shared/payments-url:prod"),
                    URI.create("aws-parameterstore:/"))));

    assertThat(provider.selections())
        .containsExactly(
            "/app/prod/", "/app/shared/ (prefix SHARED_)", "/shared/api-key:3 -> API_KEY", "/shared/payments-url:prod -> PAYMENTS_URL", "/");
  }

  @Test
  void limitOptionsSetTheProvidersLimitsAndSeparateIt() {
    List<EnvProvider> providers =
        factory.create(
            List.of(
                URI.create("aws-parameterstore:/app/prod/?timeout=5s&maxAttempts=2"),
                URI.create("aws-parameterstore:/app/other/"),
                URI.create("aws-parameterstore:/eu/?region=eu-west-1")));

    assertThat(providers).extracting(EnvProvider::name)
        .containsExactly("aws-parameterstore /app/prod/", "aws-parameterstore /app/other/", "aws-parameterstore /eu/");
    assertThat(((AwsParameterStoreProvider) providers.get(0)).limits())
        .isEqualTo(FetchLimits.of(2, Duration.ofSeconds(5), Duration.ofSeconds(5)));
    assertThat(((AwsParameterStoreProvider) providers.get(1)).limits()).isEqualTo(FetchLimits.DEFAULT);
  }

  @Test
  void malformedUrisAreRejectedNamingTheUriAndTheForm() {
    assertThatThrownBy(() -> factory.create(List.of(URI.create("aws-parameterstore:/app/prod/?prefx=A_"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Malformed provider URI 'aws-parameterstore:/app/prod/?prefx=A_': unknown option 'prefx'"
            + " (known: prefix, name, region, endpoint, maxAttempts, attemptTimeout, timeout); expected aws-parameterstore:/PATH/");
    assertThatThrownBy(() -> factory.create(List.of(URI.create("aws-parameterstore:app/prod/"))))
        .hasMessageContaining("expected a path such as /app/prod/");
    assertThatThrownBy(() -> factory.create(List.of(URI.create("aws-parameterstore:/app/prod/?name=X"))))
        .hasMessageContaining("a path (ending with /) takes prefix=");
    assertThatThrownBy(() -> factory.create(List.of(URI.create("aws-parameterstore:/app/key?prefix=X_"))))
        .hasMessageContaining("one parameter takes name=VARIABLE");
    assertThatThrownBy(() -> factory.create(List.of(URI.create("aws-parameterstore:/app/key:"))))
        .hasMessageContaining("expected a parameter name, name:version or name:label");
    assertThatThrownBy(() -> factory.create(List.of(URI.create("aws-parameterstore:/app/prod/?timeout=soon"))))
        .hasMessageContaining("timeout=soon is not a positive duration");
    assertThatThrownBy(() -> factory.create(List.of(URI.create("aws-parameterstore:/app/prod/?endpoint=localhost"))))
        .hasMessageContaining("endpoint must be an absolute URL");
  }
}
