package dev.envelope.kubernetes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envelope.Profile;
import dev.envelope.spi.EnvProvider;
import dev.envelope.spi.EnvProviderFactory;
import dev.envelope.spi.ProviderRequest;
import dev.envelope.spi.ProviderSnapshot;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
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
        .hasMessage("'k8s-mount:/run/secrets?prefx=A_' has an unknown option 'prefx'; known options:"
            + " prefix, keys, trim, optional");
  }

  @Test
  void malformedOptionValuesAreRefused() {
    assertThatThrownBy(() -> mount("k8s-mount:/run/secrets?trim=maybe"))
        .hasMessage("'k8s-mount:/run/secrets?trim=maybe' has trim=maybe; expected true or false");
    assertThatThrownBy(() -> mount("k8s-mount:/run/secrets?keys=camel"))
        .hasMessage("'k8s-mount:/run/secrets?keys=camel': unknown key mapping 'camel'; expected 'env'"
            + " (db-password -> DB_PASSWORD) or 'identity'");
    assertThatThrownBy(() -> mount("k8s-mount:/run/secrets?trim=true&trim=false"))
        .hasMessage("'k8s-mount:/run/secrets?trim=true&trim=false' sets the option 'trim' twice");
  }

  @Test
  void mountUriWithoutADirectoryIsRefused() {
    assertThatThrownBy(() -> mount("k8s-mount:?prefix=A_"))
        .hasMessage("'k8s-mount:?prefix=A_' names no /path/to/directory; expected k8s-mount:/path/to/directory");
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
        .hasMessage("'k8s-secret:a/b/c' has more than one '/'; expected k8s-secret:namespace/name or k8s-secret:name");
    assertThatThrownBy(() -> secret("k8s-secret:prod/App_Secrets"))
        .hasMessage("'k8s-secret:prod/App_Secrets': 'App_Secrets' is not a valid Kubernetes Secret name"
            + " (lower-case letters, digits and '-')");
    assertThatThrownBy(() -> secret("k8s-secret:prod/app?optional"))
        .hasMessage("'k8s-secret:prod/app?optional' has an unknown option 'optional'; known options:"
            + " prefix, keys, trim");
  }
}
