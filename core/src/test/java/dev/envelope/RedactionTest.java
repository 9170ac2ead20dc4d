package dev.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.envelope.spi.EnvProvider;
import dev.envelope.spi.ProviderRequest;
import dev.envelope.spi.ProviderSnapshot;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Values are masked, never names; whole secrets, never the paths and URLs that merely contain their letters. */
class RedactionTest {
  static final String CANARY = "canary-0b7e-redaction-secret";

  @TempDir Path dir;

  record Aws(URI awsEndpointUrlSecretsManager, Secret<String> apiKey) {}

  record Jwt(Secret<String> jwtSecret, int port) {}

  record Urls(URI databaseUrl, URI sentryDsn, int port) {}

  record Mirror(@Unmasked URI mirrorUrl, @Unmasked URI mirrorBackup,
      URI databaseUrl, Secret<String> mirrorToken) {}

  record UnmaskedSecret(@Unmasked Secret<String> apiKey) {}

  @Test
  void aVariableWhoseNameSaysSecretIsNotMaskedForItsName() {
    Resolution<Aws> resolution = Env.builder().hermetic()
        .values(Map.of("AWS_ENDPOINT_URL_SECRETS_MANAGER", "http://localhost:4566", "API_KEY", CANARY))
        .resolve(Aws.class);

    assertThat(resolution.report().variable("AWS_ENDPOINT_URL_SECRETS_MANAGER").orElseThrow().value())
        .isEqualTo("http://localhost:4566");
    assertThat(resolution.toString()).doesNotContain(CANARY);
  }

  @Test
  void aShortSecretIsMaskedAsAWordButNotInsideAPath() throws IOException {
    Path file = dir.resolve("jwtshort.txt");
    Files.writeString(file, "short");

    EnvException e = catchThrowableOfType(EnvException.class, () -> Env.builder().hermetic()
        .environment(Map.of("JWT_SECRET_FILE", file.toString(), "PORT", "short"))
        .load(Jwt.class));

    assertThat(e.problems()).containsExactly(
        new Problem("PORT", Problem.Kind.INVALID, "'****' is not a valid integer (details withheld: the value holds a secret)",
            "environment"));
    Resolution<Jwt> loaded = Env.builder().hermetic()
        .environment(Map.of("JWT_SECRET_FILE", file.toString(), "PORT", "80")).resolve(Jwt.class);
    assertThat(loaded.report().variable("JWT_SECRET").orElseThrow().origin()).isEqualTo("file " + file);
  }

  @Test
  void aOneCharacterSecretIsNeverShownAlone() {
    EnvException e = catchThrowableOfType(EnvException.class, () -> Env.builder().hermetic()
        .values(Map.of("JWT_SECRET", "7", "PORT", "7x")).load(Jwt.class));

    assertThat(e.problems()).extracting(Problem::message).containsExactly("'7x' is not an integer");
    EnvException alone = catchThrowableOfType(EnvException.class, () -> Env.builder().hermetic()
        .values(Map.of("JWT_SECRET", "x", "PORT", "x")).load(Jwt.class));
    assertThat(alone.getMessage()).doesNotContain("'x'").contains("'****'");
  }

  @Test
  void passwordsAndKeysInsidePlainUrlsAreMasked() {
    Resolution<Urls> resolution = Env.builder().hermetic().values(Map.of(
            "DATABASE_URL", "postgres://orders:" + CANARY + "@db:5432/orders",
            "SENTRY_DSN", "https://" + CANARY + "@o1.ingest.sentry.io/2",
            "PORT", "80"))
        .resolve(Urls.class);
    EnvException e = catchThrowableOfType(EnvException.class, () -> Env.builder().hermetic().values(Map.of(
            "DATABASE_URL", "postgres://orders:" + CANARY + "@db:5432/orders",
            "SENTRY_DSN", "https://x@o1.ingest.sentry.io/2",
            "PORT", "postgres://orders:" + CANARY + "@db"))
        .load(Urls.class));

    assertThat(resolution.report().variable("DATABASE_URL").orElseThrow().value())
        .isEqualTo("postgres://orders:****@db:5432/orders");
    assertThat(resolution.report().variable("SENTRY_DSN").orElseThrow().value()).isEqualTo("https://****@o1.ingest.sentry.io/2");
    assertThat(resolution.toString()).doesNotContain(CANARY);
    assertThat(e.getMessage()).contains("'postgres://orders:****@db' is not an integer").doesNotContain(CANARY);
  }

  @Test
  void anUnmaskedComponentShowsItsUriUserInformationButNotASecretCopiedIntoIt() throws IOException {
    Files.writeString(dir.resolve(".env"), String.join("\n",
        "MIRROR_TOKEN=" + CANARY,
        "MIRROR_URL=ftp://anon:guest@mirror.example/?t=${MIRROR_TOKEN}",
        "MIRROR_BACKUP=http://anonymous:guest@backup example/",
        "DATABASE_URL=postgres://orders:pw-7c1d@db/orders",
        ""));
    EnvLoader loader = Env.builder().hermetic().directory(dir).build();

    EnvException e = catchThrowableOfType(EnvException.class, () -> loader.load(Mirror.class));
    Files.writeString(dir.resolve(".env"), Files.readString(dir.resolve(".env")).replace("backup example", "backup.example"));
    Resolution<Mirror> resolution = loader.resolve(Mirror.class);

    assertThat(resolution.report().variable("MIRROR_URL").orElseThrow().value())
        .isEqualTo("ftp://anon:guest@mirror.example/?t=****");
    assertThat(resolution.report().variable("DATABASE_URL").orElseThrow().value()).isEqualTo("postgres://orders:****@db/orders");
    assertThat(resolution.toString()).contains("anon:guest@mirror").doesNotContain(CANARY).doesNotContain("pw-7c1d");
    assertThat(e.problems()).singleElement().satisfies(problem -> {
      assertThat(problem.variable()).isEqualTo("MIRROR_BACKUP");
      assertThat(problem.message()).startsWith("'http://anonymous:guest@backup example/' is not a");
    });
  }

  @Test
  void whatTheLoaderKeepsAndHandsOnNeverShowsAValue() {
    EnvLoader loader = Env.builder().hermetic()
        .values(Map.of("AWS_ENDPOINT_URL_SECRETS_MANAGER", "http://localhost:4566", "API_KEY", CANARY)).build();

    assertThat(loader.toString()).doesNotContain(CANARY);
    assertThat(loader.settings.toString()).doesNotContain(CANARY).contains("values=2");
    assertThat(new dev.envelope.internal.load.Loader(loader.settings, null).resolve(Aws.class).toString())
        .doesNotContain(CANARY).contains("Aws");
  }

  @Test
  void unmaskedIsASchemaProblemOnASecret() {
    EnvException e = catchThrowableOfType(EnvException.class, () -> Env.builder().hermetic()
        .values(Map.of("API_KEY", CANARY)).load(UnmaskedSecret.class));

    assertThat(e.problems()).extracting(Problem::kind, Problem::message).containsExactly(org.assertj.core.groups.Tuple.tuple(
        Problem.Kind.SCHEMA, "@Unmasked is not allowed on a Secret: a secret is never shown, in part or whole"));
    assertThat(e.getMessage()).doesNotContain(CANARY);
  }

  @Test
  void aCustomProvidersFailureQuotingASettingOfAnyNameIsMasked() {
    EnvProvider provider = new EnvProvider() {
      @Override
      public String name() {
        return "vault-ish";
      }

      @Override
      public ProviderSnapshot fetch(ProviderRequest request) {
        Optional<String> login = request.setting("VAULTISH_LOGIN");
        throw new IllegalStateException("login failed for credential " + login.orElse("?"));
      }
    };

    EnvException e = catchThrowableOfType(EnvException.class, () -> Env.builder().hermetic()
        .values(Map.of("VAULTISH_LOGIN", CANARY, "API_KEY", "k", "AWS_ENDPOINT_URL_SECRETS_MANAGER", "http://h"))
        .provider(provider).load(Aws.class));

    assertThat(e.problems()).first().isEqualTo(new Problem("vault-ish", Problem.Kind.PROVIDER,
        "failed: IllegalStateException: login failed for credential ****", ""));
    assertThat(e.getMessage()).doesNotContain(CANARY);
  }

  record Inner(Secret<String> token) {}

  record Outer(Inner inner, String label) {
    Outer {
      if (label.equals("bad")) {
        throw new IllegalArgumentException("bad label for token " + inner.token().reveal().substring(0, 10));
      }
    }
  }

  @Test
  void aParentConstructorQuotingANestedSecretIsWithheld() {
    EnvException e = catchThrowableOfType(EnvException.class, () -> Env.builder().hermetic()
        .values(Map.of("INNER_TOKEN", CANARY, "LABEL", "bad")).load(Outer.class));

    assertThat(e.problems()).extracting(Problem::message).containsExactly(
        "rejected by Outer's constructor: IllegalArgumentException (the message is withheld: the record holds a secret)");
    assertThat(e.getMessage()).doesNotContain(CANARY.substring(0, 10));
  }
}
