package dev.envelope.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.envelope.Env;
import dev.envelope.EnvException;
import dev.envelope.Problem;
import dev.envelope.spi.EnvProvider;
import dev.envelope.spi.EnvProviderFactory;
import dev.envelope.spi.FetchLimits;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GcpSecretManagerProviderFactoryTest {
  private static GcpSecretManagerProvider create(String uri) {
    List<EnvProvider> providers = new GcpSecretManagerProviderFactory().create(List.of(URI.create(uri)));
    assertThat(providers).hasSize(1);
    return (GcpSecretManagerProvider) providers.get(0);
  }

  @Test
  void factoryIsFoundByItsScheme() {
    assertThat(ServiceLoader.load(EnvProviderFactory.class).stream().map(p -> p.get().scheme()))
        .contains("gcp-secretmanager");
  }

  record ApiKeyOnly(String apiKey) {}

  @Test
  void listsInsideOptionsSurviveTheCommaSeparatedEnvelopeProviders() {
    // only= (empty) and no JSON secret: nothing to read, so no call leaves the test; the MISSING
    // problem lists both providers, so both URIs, lists included, were accepted.
    Env.Builder load =
        Env.builder()
            .hermetic()
            .environment(Map.of("ENVELOPE_PROVIDERS",
                "gcp-secretmanager:projects/a?names=API_KEY:api-key;DATABASE_URL:database-url&only=,"
                    + "gcp-secretmanager:projects/b?versions=API_KEY:4;DATABASE_URL:prod&only="));

    EnvException thrown = catchThrowableOfType(EnvException.class, () -> load.load(ApiKeyOnly.class));

    assertThat(thrown.problems()).singleElement().satisfies(problem -> {
      assertThat(problem.kind()).isEqualTo(Problem.Kind.MISSING);
      assertThat(problem.origin()).contains("gcp-secretmanager a", "gcp-secretmanager b");
    });
  }

  @Test
  void projectUriReadsEveryDeclaredVariableFromTheLatestVersion() {
    GcpSecretManagerProvider provider = create("gcp-secretmanager:projects/my-project");

    assertThat(provider.name()).isEqualTo("gcp-secretmanager my-project");
    assertThat(provider.limits()).isEqualTo(FetchLimits.DEFAULT);
    assertThat(provider.reads(Set.of("DATABASE_URL")))
        .containsExactly(new SecretRead("DATABASE_URL", "latest", "DATABASE_URL", "", false));
  }

  @Test
  void optionsMapSecretsPinVersionsAddJsonSecretsAndSetLimits() {
    GcpSecretManagerProvider provider =
        create("gcp-secretmanager:projects/my-project?names=DATABASE_URL:database-url&versions=DATABASE_URL:4;orders-db:prod"
            + "&json=orders-db:DATABASE_;shared&only=DATABASE_URL&maxConcurrency=2&maxAttempts=5&timeout=8s&attemptTimeout=2s");

    assertThat(provider.reads(Set.of("DATABASE_URL", "API_KEY")))
        .containsExactly(
            new SecretRead("database-url", "4", "DATABASE_URL", "", true),
            new SecretRead("orders-db", "prod", null, "DATABASE_", true),
            new SecretRead("shared", "latest", null, "", true));
    assertThat(provider.limits()).isEqualTo(FetchLimits.of(5, Duration.ofSeconds(2), Duration.ofSeconds(8)));
    assertThat(provider.toString()).contains("maxConcurrency 2");
  }

  @Test
  void emptyOnlyReadsNoDeclaredVariable() {
    GcpSecretManagerProvider provider = create("gcp-secretmanager:projects/my-project?only=&json=orders-db:DATABASE_");

    assertThat(provider.reads(Set.of("DATABASE_URL"))).containsExactly(new SecretRead("orders-db", "latest", null, "DATABASE_", true));
  }

  @Test
  void targetWithoutProjectsIsMalformed() {
    assertThatThrownBy(() -> create("gcp-secretmanager:my-project"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Malformed provider URI 'gcp-secretmanager:my-project': the target must be projects/PROJECT;"
            + " expected gcp-secretmanager:projects/PROJECT[?names=VARIABLE:secret-id;...][&versions=VARIABLE:4;...]");
  }

  @Test
  void unknownOptionListsTheKnownOnes() {
    assertThatThrownBy(() -> create("gcp-secretmanager:projects/p?version=4"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown option 'version' (known: names, versions, json, only, maxConcurrency, endpoint,"
            + " maxAttempts, attemptTimeout, timeout)");
  }

  @Test
  void malformedPairsVersionsAndSecretIdsNameTheOption() {
    assertThatThrownBy(() -> create("gcp-secretmanager:projects/p?names=DATABASE_URL"))
        .hasMessageContaining("names= takes KEY:VALUE pairs separated by ';', not 'DATABASE_URL'");
    assertThatThrownBy(() -> create("gcp-secretmanager:projects/p?versions=api-key:4.1"))
        .hasMessageContaining("version of api-key must be a number such as 4 or an alias such as prod, not '4.1'");
    assertThatThrownBy(() -> create("gcp-secretmanager:projects/p?names=DATABASE_URL:db.url"))
        .hasMessageContaining("'db.url' is not a Secret Manager secret id");
    assertThatThrownBy(() -> create("gcp-secretmanager:projects/p?maxConcurrency=100"))
        .hasMessageContaining("maxConcurrency must be between 1 and 64, not 100");
    assertThatThrownBy(() -> create("gcp-secretmanager:projects/p?endpoint=https://x"))
        .hasMessageContaining("endpoint must be host:port");
  }
}
