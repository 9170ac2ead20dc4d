package dev.envelope.kubernetes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envelope.Profile;
import dev.envelope.spi.ProviderException;
import dev.envelope.spi.ProviderRequest;
import dev.envelope.spi.ProviderSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountedSecretsProviderTest {
  static final String CANARY = "canary-5d2f-mounted-secret-value";

  @TempDir Path root;

  static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }

  static Map<String, String> values(ProviderSnapshot snapshot) {
    Map<String, String> values = new LinkedHashMap<>();
    snapshot.entries().forEach(entry -> values.put(entry.name(), entry.value()));
    return values;
  }

  static ProviderSnapshot fetch(MountedSecretsProvider provider) throws ProviderException {
    ProviderSnapshot snapshot = provider.fetch(ProviderRequest.of(Profile.PRODUCTION, Set.of(), Map.of()));
    assertThat(provider + provider.name() + snapshot + snapshot.entries()).doesNotContain(CANARY);
    return snapshot;
  }

  ProviderException failure(MountedSecretsProvider provider) {
    ProviderException thrown = org.junit.jupiter.api.Assertions.assertThrows(ProviderException.class, () -> fetch(provider));
    assertThat(thrown.getMessage()).doesNotContain(CANARY);
    return thrown;
  }

  @Test
  void readsKubeletVolumeMappingFileNamesToVariablesWithPathsAsOrigins() throws Exception {
    Path mount = root.resolve("app");
    KubeletVolume.create(mount, Map.of(
        "db-password", bytes(CANARY + "\n"),
        "api.key", bytes("key-1"),
        "LOG_LEVEL", bytes("debug")));

    ProviderSnapshot snapshot = fetch(MountedSecretsProvider.of(mount));

    assertThat(values(snapshot)).containsExactly(
        Map.entry("LOG_LEVEL", "debug"), Map.entry("API_KEY", "key-1"), Map.entry("DB_PASSWORD", CANARY));
    assertThat(snapshot.entries()).extracting(ProviderSnapshot.Entry::origin).containsExactly(
        mount.resolve("LOG_LEVEL").toString(), mount.resolve("api.key").toString(), mount.resolve("db-password").toString());
    assertThat(snapshot.entries()).allMatch(ProviderSnapshot.Entry::checked);
  }

  @Test
  void skipsEntriesWhoseNamesStartWithTwoDots() throws Exception {
    Path mount = root.resolve("app");
    KubeletVolume volume = KubeletVolume.create(mount, Map.of("token", bytes("t")));
    Files.writeString(volume.currentVersion().resolve("..hidden"), "not a key");
    Files.writeString(mount.resolve("..data_tmp_leftover"), "not a key");

    assertThat(values(fetch(MountedSecretsProvider.of(mount)))).containsExactly(Map.entry("TOKEN", "t"));
  }

  @Test
  void readsAPlainDockerSecretsDirectory() throws Exception {
    Path secrets = Files.createDirectory(root.resolve("run-secrets"));
    Files.writeString(secrets.resolve("postgres_password"), CANARY);
    Files.writeString(secrets.resolve("..ignored"), "x");

    ProviderSnapshot snapshot = fetch(MountedSecretsProvider.of(secrets));

    assertThat(values(snapshot)).containsExactly(Map.entry("POSTGRES_PASSWORD", CANARY));
    assertThat(snapshot.entries().get(0).origin()).isEqualTo(secrets.resolve("postgres_password").toString());
  }

  @Test
  void trimsExactlyOneTrailingNewlineByDefault() throws Exception {
    Path mount = root.resolve("app");
    KubeletVolume.create(mount, Map.of(
        "unix", bytes("value\n"),
        "windows", bytes("value\r\n"),
        "two", bytes("value\n\n"),
        "inner", bytes(" line one\nline two "),
        "none", bytes("value")));

    assertThat(values(fetch(MountedSecretsProvider.of(mount)))).containsExactly(
        Map.entry("INNER", " line one\nline two "),
        Map.entry("NONE", "value"),
        Map.entry("TWO", "value\n"),
        Map.entry("UNIX", "value"),
        Map.entry("WINDOWS", "value"));
  }

  @Test
  void keepsTrailingNewlineWhenTrimmingIsOff() throws Exception {
    Path mount = root.resolve("app");
    KubeletVolume.create(mount, Map.of("pem", bytes("-----BEGIN-----\nAAAA\n-----END-----\n")));

    MountedSecretsProvider provider = MountedSecretsProvider.builder().directory(mount).trimTrailingNewline(false).build();

    assertThat(values(fetch(provider))).containsExactly(Map.entry("PEM", "-----BEGIN-----\nAAAA\n-----END-----\n"));
  }

  @Test
  void decodesMultiByteUtf8Exactly() throws Exception {
    Path mount = root.resolve("app");
    KubeletVolume.create(mount, Map.of("password", bytes("pässwörd ✓ 密码 😀")));

    assertThat(values(fetch(MountedSecretsProvider.of(mount)))).containsExactly(Map.entry("PASSWORD", "pässwörd ✓ 密码 😀"));
  }

  @Test
  void invalidUtf8IsAProblemNamingThePathWithoutTheContent() throws Exception {
    Path mount = root.resolve("app");
    byte[] content = bytes(CANARY + "?");
    content[content.length - 1] = (byte) 0xC3; // a lead byte with no continuation
    KubeletVolume.create(mount, Map.of("keystore", content));

    ProviderException thrown = failure(MountedSecretsProvider.of(mount));

    assertThat(thrown.getMessage()).isEqualTo(mount.resolve("keystore")
        + " is not UTF-8 text (invalid byte at offset " + (content.length - 1) + " of " + content.length
        + "); variables are strings, so store binary secrets base64-encoded and decode them in the application");
  }

  @Test
  void emptyFileIsAnEmptyValueAndTheRestOfTheVolumeLoads() throws Exception {
    Path mount = root.resolve("app");
    KubeletVolume.create(mount, Map.of("db-password", new byte[0], "other", bytes(CANARY)));

    assertThat(values(fetch(MountedSecretsProvider.of(mount))))
        .containsExactly(Map.entry("DB_PASSWORD", ""), Map.entry("OTHER", CANARY));
  }

  @Test
  void fileHoldingOnlyANewlineIsAnEmptyValueWhenTrimmed() throws Exception {
    Path mount = root.resolve("app");
    KubeletVolume.create(mount, Map.of("db-password", bytes("\n")));

    assertThat(values(fetch(MountedSecretsProvider.of(mount)))).containsExactly(Map.entry("DB_PASSWORD", ""));
    MountedSecretsProvider untrimmed = MountedSecretsProvider.builder().directory(mount).trimTrailingNewline(false).build();
    assertThat(values(fetch(untrimmed))).containsExactly(Map.entry("DB_PASSWORD", "\n"));
  }

  @Test
  void danglingSymlinkIsAProblemNamingThePathAndItsTarget() throws Exception {
    Path secrets = Files.createDirectory(root.resolve("run-secrets"));
    Files.writeString(secrets.resolve("good"), CANARY);
    Files.createSymbolicLink(secrets.resolve("db-password"), root.resolve("nowhere"));

    assertThat(failure(MountedSecretsProvider.of(secrets)).getMessage()).isEqualTo(
        secrets.resolve("db-password") + " cannot be read: it is a symbolic link to " + root.resolve("nowhere")
            + ", which does not exist");
  }

  @Test
  void nestedItemPathsOfAProjectedSecretMapToUnderscoredNames() throws Exception {
    // items: [{key: db, path: db/password}, {key: user, path: db/user}, {key: token, path: api/v1/token}]
    Path mount = root.resolve("app");
    KubeletVolume.create(mount, Map.of(
        "db/password", bytes(CANARY + "\n"), "db/user", bytes("orders"), "api/v1/token", bytes("t"), "top", bytes("x")));

    ProviderSnapshot snapshot = fetch(MountedSecretsProvider.of(mount));

    assertThat(values(snapshot)).containsExactly(
        Map.entry("API_V1_TOKEN", "t"), Map.entry("DB_PASSWORD", CANARY), Map.entry("DB_USER", "orders"), Map.entry("TOP", "x"));
    assertThat(snapshot.entries()).extracting(ProviderSnapshot.Entry::origin).contains(mount.resolve("db/password").toString());
    MountedSecretsProvider identity = MountedSecretsProvider.builder().directory(mount).keyMapping(KeyMapping.IDENTITY).build();
    assertThat(values(fetch(identity))).containsKeys("db/password", "db/user", "api/v1/token", "top");
  }

  @Test
  void nestedPathAndAFlatKeyGivingOneVariableIsAProblem() throws Exception {
    Path mount = root.resolve("app");
    KubeletVolume.create(mount, Map.of("db/password", bytes(CANARY), "db-password", bytes(CANARY)));

    assertThat(failure(MountedSecretsProvider.of(mount)).getMessage()).isEqualTo(
        "both " + mount.resolve("db/password") + " and " + mount.resolve("db-password")
            + " give DB_PASSWORD; rename one of the keys");
  }

  @Test
  void nestedDirectoriesOfAPlainDirectoryAreReadToo() throws Exception {
    Path secrets = Files.createDirectories(root.resolve("run-secrets/db"));
    Files.writeString(secrets.resolve("password"), CANARY);

    assertThat(values(fetch(MountedSecretsProvider.of(secrets.getParent())))).containsExactly(Map.entry("DB_PASSWORD", CANARY));
  }

  @Test
  void symbolicLinkLoopIsAProblemNotAHang() throws Exception {
    Path secrets = Files.createDirectory(root.resolve("run-secrets"));
    Files.createSymbolicLink(secrets.resolve("loop"), Path.of("."));

    assertThat(failure(MountedSecretsProvider.of(secrets)).getMessage()).endsWith(
        " nests directories more than " + MountedDirectory.MAX_DEPTH + " levels deep (a symbolic link loop?)");
  }

  @Test
  void missingDirectoryFailsNamingIt() {
    Path missing = root.resolve("not-mounted");

    assertThat(failure(MountedSecretsProvider.of(missing)).getMessage()).isEqualTo(
        missing + " does not exist; mount the secret volume there, or mark the directory optional (?optional=true) if it may be absent");
  }

  @Test
  void fileGivenAsTheDirectoryIsAProblemPointingAtVarFile() throws Exception {
    Path file = Files.writeString(root.resolve("db-password"), CANARY);

    assertThat(failure(MountedSecretsProvider.of(file)).getMessage()).isEqualTo(
        file + " is a file, not a directory of secrets; for a single file set VAR_FILE to it");
  }

  @Test
  void optionalMissingDirectoryYieldsNothing() throws Exception {
    MountedSecretsProvider provider =
        MountedSecretsProvider.builder().directory(root.resolve("not-mounted")).optional().build();

    assertThat(fetch(provider).entries()).isEmpty();
  }

  @Test
  void dataLinkToAMissingVersionFailsNamingTheDirectory() throws Exception {
    Path mount = Files.createDirectory(root.resolve("app"));
    Files.createSymbolicLink(mount.resolve("..data"), Path.of("..2026_11_22_04_00_00.1"));

    assertThat(failure(MountedSecretsProvider.of(mount)).getMessage()).isEqualTo(
        mount + " cannot be listed (NoSuchFileException)");
  }

  @Test
  void identityMappingKeepsFileNames() throws Exception {
    Path mount = root.resolve("app");
    KubeletVolume.create(mount, Map.of("db-password", bytes("p")));

    MountedSecretsProvider provider = MountedSecretsProvider.builder().directory(mount).keyMapping(KeyMapping.IDENTITY).build();

    assertThat(values(fetch(provider))).containsExactly(Map.entry("db-password", "p"));
  }

  @Test
  void customMappingAndPrefixNameVariablesAndNullSkipsAKey() throws Exception {
    Path mount = root.resolve("app");
    KubeletVolume.create(mount, Map.of("password", bytes("p"), "README", bytes("docs")));

    MountedSecretsProvider provider = MountedSecretsProvider.builder()
        .directory(mount)
        .keyMapping(key -> key.equals("README") ? null : "DB_" + key.toUpperCase(java.util.Locale.ROOT))
        .prefix("APP_")
        .build();

    assertThat(values(fetch(provider))).containsExactly(Map.entry("APP_DB_PASSWORD", "p"));
  }

  @Test
  void twoFilesOfOneDirectoryGivingOneVariableIsAProblem() throws Exception {
    Path mount = root.resolve("app");
    KubeletVolume.create(mount, Map.of("db-password", bytes(CANARY), "db.password", bytes(CANARY)));

    assertThat(failure(MountedSecretsProvider.of(mount)).getMessage()).isEqualTo(
        "both " + mount.resolve("db-password") + " and " + mount.resolve("db.password")
            + " give DB_PASSWORD; rename one of the keys");
  }

  @Test
  void firstDirectoryListedWinsAcrossDirectories() throws Exception {
    Path first = root.resolve("first");
    Path second = root.resolve("second");
    KubeletVolume.create(first, Map.of("db-password", bytes("from-first")));
    KubeletVolume.create(second, Map.of("db-password", bytes("from-second"), "only-second", bytes("x")));

    MountedSecretsProvider provider = MountedSecretsProvider.builder().directory(first).directory(second).build();
    ProviderSnapshot snapshot = fetch(provider);

    assertThat(values(snapshot)).containsExactly(Map.entry("DB_PASSWORD", "from-first"), Map.entry("ONLY_SECOND", "x"));
    assertThat(snapshot.entries().get(0).origin()).isEqualTo(first.resolve("db-password").toString());
    assertThat(provider.name()).isEqualTo("k8s-mount " + first + ", " + second);
  }

  @Test
  void seesTheNewVersionAfterTheKubeletUpdatesTheVolume() throws Exception {
    Path mount = root.resolve("app");
    KubeletVolume volume = KubeletVolume.create(mount, Map.of("db-password", bytes("old"), "removed", bytes("r")));
    MountedSecretsProvider provider = MountedSecretsProvider.of(mount);
    assertThat(values(fetch(provider))).containsExactly(Map.entry("DB_PASSWORD", "old"), Map.entry("REMOVED", "r"));

    volume.update(Map.of("db-password", bytes("new"), "added", bytes("a")));

    assertThat(values(fetch(provider))).containsExactly(Map.entry("ADDED", "a"), Map.entry("DB_PASSWORD", "new"));
  }

  @Test
  void nameAndToStringShowTheDirectoryOnly() throws Exception {
    Path mount = root.resolve("app");
    KubeletVolume.create(mount, Map.of("db-password", bytes(CANARY)));
    MountedSecretsProvider provider = MountedSecretsProvider.of(mount);

    assertThat(provider.name()).isEqualTo("k8s-mount " + mount);
    assertThat(provider.toString()).isEqualTo("MountedSecretsProvider[k8s-mount " + mount + "]");
  }
}
