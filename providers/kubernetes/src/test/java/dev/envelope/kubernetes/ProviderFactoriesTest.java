package dev.envelope.kubernetes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envelope.Profile;
import dev.envelope.spi.EnvProvider;
import dev.envelope.spi.EnvProviderFactory;
import dev.envelope.spi.FetchLimits;
import dev.envelope.spi.ProviderRequest;
import dev.envelope.spi.ProviderSnapshot;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProviderFactoriesTest {
  @TempDir Path root;

  static ProviderSnapshot fetch(EnvProvider provider) throws Exception {
    return provider.fetch(ProviderRequest.of(Profile.PRODUCTION, Set.of(), Map.of()));
  }

  static EnvProvider mount(String uri) {
    return new MountedSecretsProviderFactory().create(List.of(URI.create(uri))).get(0);
  }

  static EnvProvider secret(String uri) {
    return new KubernetesSecretProviderFactory().create(List.of(URI.create(uri))).get(0);
  }

  @Test
  void serviceLoaderFindsBothSchemes() {
    assertThat(ServiceLoader.load(EnvProviderFactory.class))
        .extracting(EnvProviderFactory::scheme)
        .contains("k8s-mount", "k8s-secret");
  }

  @Test
  void mountUriNamesTheDirectory() throws Exception {
    Path mount = root.resolve("app");
    KubeletVolume.create(mount, Map.of("db-password", "p\n".getBytes(UTF_8)));

    EnvProvider provider = mount("k8s-mount:" + mount);

    assertThat(provider.name()).isEqualTo("k8s-mount " + mount);
    assertThat(fetch(provider).entries()).extracting(ProviderSnapshot.Entry::name, ProviderSnapshot.Entry::value)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("DB_PASSWORD", "p"));
  }

  @Test
  void mountUriOptionsSetPrefixKeysAndTrim() throws Exception {
    Path mount = root.resolve("app");
    KubeletVolume.create(mount, Map.of("db-password", "p\n".getBytes(UTF_8)));

    EnvProvider provider = mount("k8s-mount:" + mount + "?prefix=APP_&keys=identity&trim=false");

    assertThat(fetch(provider).entries()).extracting(ProviderSnapshot.Entry::name, ProviderSnapshot.Entry::value)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("APP_db-password", "p\n"));
  }

  @Test
  void optionalMountUriToleratesAMissingDirectory() throws Exception {
    assertThat(fetch(mount("k8s-mount:" + root.resolve("absent") + "?optional")).entries()).isEmpty();
    assertThat(fetch(mount("k8s-mount:" + root.resolve("absent") + "?optional=true")).entries()).isEmpty();
  }

  @Test
  void mountUriMayNameARelativeDirectory() {
    assertThat(mount("k8s-mount:secrets?prefix=A_").name()).isEqualTo("k8s-mount secrets");
  }

  @Test
  void factoriesKeepTheOrderOfTheirUris() {
    List<EnvProvider> providers = new MountedSecretsProviderFactory()
        .create(List.of(URI.create("k8s-mount:/b"), URI.create("k8s-mount:/a")));

    assertThat(providers).extracting(EnvProvider::name).containsExactly("k8s-mount /b", "k8s-mount /a");
  }

  @Test
  void unknownOptionIsRefusedListingTheKnownOnes() {
    assertThatThrownBy(() -> mount("k8s-mount:/run/secrets?prefx=A_"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Malformed provider URI 'k8s-mount:/run/secrets?prefx=A_': unknown option 'prefx' (known:"
            + " prefix, keys, trim, optional, maxAttempts, attemptTimeout, timeout); expected k8s-mount:/path/to/directory");
  }

  @Test
  void malformedOptionValuesAreRefused() {
    assertThatThrownBy(() -> mount("k8s-mount:/run/secrets?trim=maybe"))
        .hasMessage("Malformed provider URI 'k8s-mount:/run/secrets?trim=maybe': trim=maybe is neither true nor"
            + " false; expected k8s-mount:/path/to/directory");
    assertThatThrownBy(() -> mount("k8s-mount:/run/secrets?keys=camel"))
        .hasMessage("Malformed provider URI 'k8s-mount:/run/secrets?keys=camel': unknown key mapping 'camel';"
            + " expected 'env' (db-password -> DB_PASSWORD) or 'identity'; expected k8s-mount:/path/to/directory");
    assertThatThrownBy(() -> mount("k8s-mount:/run/secrets?trim=true&trim=false"))
        .hasMessage("Malformed provider URI 'k8s-mount:/run/secrets?trim=true&trim=false': the option 'trim' is"
            + " set twice; expected k8s-mount:/path/to/directory");
  }

  @Test
  void mountUriWithoutADirectoryIsRefused() {
    assertThatThrownBy(() -> mount("k8s-mount:?prefix=A_"))
        .hasMessage("Malformed provider URI 'k8s-mount:?prefix=A_': no directory named; expected"
            + " k8s-mount:/path/to/directory");
  }

  @Test
  void secretUriWithNamespaceAndName() {
    assertThat(secret("k8s-secret:prod/app-secrets?prefix=APP_").name()).isEqualTo("k8s-secret prod/app-secrets");
  }

  @Test
  void secretUriWithOnlyANameUsesThePodsNamespace() {
    assertThat(secret("k8s-secret:app-secrets").name()).isEqualTo("k8s-secret app-secrets");
  }

  @Test
  void invalidSecretUrisAreRefused() {
    assertThatThrownBy(() -> secret("k8s-secret:a/b/c"))
        .hasMessage("Malformed provider URI 'k8s-secret:a/b/c': more than one '/'; expected"
            + " k8s-secret:NAMESPACE/NAME or k8s-secret:NAME");
    assertThatThrownBy(() -> secret("k8s-secret:prod/App_Secrets"))
        .hasMessage("Malformed provider URI 'k8s-secret:prod/App_Secrets': 'App_Secrets' is not a valid"
            + " Kubernetes Secret name (lower-case letters, digits and '-'); expected k8s-secret:NAMESPACE/NAME"
            + " or k8s-secret:NAME");
    assertThatThrownBy(() -> secret("k8s-secret:prod/app?optional"))
        .hasMessage("Malformed provider URI 'k8s-secret:prod/app?optional': unknown option 'optional' (known:"
            + " prefix, keys, trim, maxAttempts, attemptTimeout, timeout); expected k8s-secret:NAMESPACE/NAME"
            + " or k8s-secret:NAME");
  }

  @Test
  void secretUriSetsTheFetchLimits() throws Exception {
    EnvProvider provider = secret("k8s-secret:prod/app?maxAttempts=1&attemptTimeout=2s&timeout=4s");

    assertThat(provider).hasToString("KubernetesSecretProvider[k8s-secret prod/app, "
        + FetchLimits.of(1, Duration.ofSeconds(2), Duration.ofSeconds(4)) + "]");
    assertThat(secret("k8s-secret:prod/app")).hasToString("KubernetesSecretProvider[k8s-secret prod/app, "
        + FetchLimits.DEFAULT + "]");
  }

  @Test
  void malformedLimitIsRefusedNamingTheUri() {
    assertThatThrownBy(() -> secret("k8s-secret:prod/app?timeout=soon"))
        .hasMessage("Malformed provider URI 'k8s-secret:prod/app?timeout=soon': timeout=soon is not a positive"
            + " duration such as 500ms, 10s or 2m; expected k8s-secret:NAMESPACE/NAME or k8s-secret:NAME");
  }

  @Test
  void mountUriRefusesLimitsThatDoNotApplyToFiles() {
    assertThatThrownBy(() -> mount("k8s-mount:/run/secrets?timeout=5s"))
        .hasMessage("Malformed provider URI 'k8s-mount:/run/secrets?timeout=5s': timeout does not apply to"
            + " mounted files, which are read locally; expected k8s-mount:/path/to/directory");
  }
}
