package dev.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envelope.spi.EnvProvider;
import dev.envelope.spi.EnvProviders;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What an integration such as Spring Boot's needs from the builder: explicit values that keep the
 * origin the framework knows, a name for them in "looked in" lists, and providers from URIs.
 */
class FrameworkValuesTest {
  record Service(String appUrl, String region) {}

  @Test
  void explicitValueWithAnOriginShowsThatOrigin() {
    Resolution<Service> resolution = Env.builder().hermetic()
        .value("APP_URL", "https://cli.example", "app.url in commandLineArgs")
        .value("REGION", "eu")
        .resolve(Service.class);

    assertThat(resolution.report().variable("APP_URL").orElseThrow().origin()).isEqualTo("app.url in commandLineArgs");
    assertThat(resolution.report().variable("REGION").orElseThrow().origin()).isEqualTo("builder values");
  }

  @Test
  void valueWithoutAnOriginReplacesTheOriginOfAnEarlierOne() {
    Resolution<Service> resolution = Env.builder().hermetic()
        .value("APP_URL", "https://cli.example", "app.url in commandLineArgs")
        .value("APP_URL", "https://code.example")
        .value("REGION", "eu")
        .resolve(Service.class);

    assertThat(resolution.report().variable("APP_URL").orElseThrow().origin()).isEqualTo("builder values");
  }

  @Test
  void namedExplicitValuesAreListedByThatNameWhereAVariableWasLookedFor() {
    assertThatThrownBy(() -> Env.builder().hermetic().valuesName("command line").value("REGION", "eu", "--region")
            .load(Service.class))
        .isInstanceOfSatisfying(EnvException.class, e -> assertThat(e.problems()).containsExactly(
            new Problem("APP_URL", Problem.Kind.MISSING, "required but not set", "looked in: command line, environment")));
  }

  @Test
  void providersAreCreatedFromAUriListByScheme() {
    List<EnvProvider> providers = EnvProviders.fromList("static:API_KEY=k, static:REGION=eu", getClass().getClassLoader());

    assertThat(providers).extracting(EnvProvider::name).containsExactly("static API_KEY", "static REGION");
  }

  @Test
  void uriListWithAnUnknownSchemeIsRejectedWithTheSchemesOnTheClassPath() {
    assertThatThrownBy(() -> EnvProviders.fromList("vault:secret/app", getClass().getClassLoader()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no provider for scheme 'vault'; schemes on the class path: static");
  }

  @Test
  void emptyUriListCreatesNoProvider() {
    assertThat(EnvProviders.fromList(" ", getClass().getClassLoader())).isEmpty();
  }
}
