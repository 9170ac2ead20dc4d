package dev.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.envelope.spi.EnvProvider;
import dev.envelope.spi.ProviderException;
import dev.envelope.spi.ProviderRequest;
import dev.envelope.spi.ProviderSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProviderTest {
  static final String CANARY = "canary-91ab-provider-secret";
  static final String TOKEN = "dp.st.canary-token-0000";

  record Config(Secret<String> apiKey, @Default("none") String region) {}

  /** A provider that serves fixed entries, optionally waiting on a latch first. */
  static EnvProvider serving(String name, Map<String, String> entries) {
    return new EnvProvider() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public ProviderSnapshot fetch(ProviderRequest request) {
        ProviderSnapshot.Builder snapshot = ProviderSnapshot.builder();
        entries.forEach((key, value) -> snapshot.put(key, value, name + " #" + key));
        return snapshot.build();
      }
    };
  }

  static EnvProvider failing(String name, Exception failure) {
    return new EnvProvider() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public ProviderSnapshot fetch(ProviderRequest request) throws Exception {
        throw failure;
      }
    };
  }

  @Test
  void providerValuesSitBetweenTheEnvironmentAndFiles(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve(".env"), "API_KEY=from-file\nREGION=file-region\n");
    EnvProvider provider = serving("vault", Map.of("API_KEY", CANARY, "REGION", "vault-region"));

    Resolution<Config> resolution =
        Env.builder().environment(Map.of("REGION", "env-region")).directory(dir).provider(provider).resolve(Config.class);

    assertThat(resolution.value().apiKey().reveal()).isEqualTo(CANARY);
    assertThat(resolution.value().region()).isEqualTo("env-region");
    Report.Variable apiKey = resolution.report().variable("API_KEY").orElseThrow();
    assertThat(apiKey.origin()).isEqualTo("vault #API_KEY");
    assertThat(apiKey.shadowed()).containsExactly(dir.resolve(".env") + ":1");
    assertThat(resolution.report().variable("REGION").orElseThrow().shadowed())
        .containsExactly("vault #REGION", dir.resolve(".env") + ":2");
    assertThat(resolution.report().toString()).doesNotContain(CANARY);
  }

  @Test
  void firstDeclaredProviderWins() {
    Config config = Env.builder().hermetic()
        .provider(serving("first", Map.of("API_KEY", "one")))
        .provider(serving("second", Map.of("API_KEY", "two", "REGION", "r2")))
        .load(Config.class);

    assertThat(config.apiKey().reveal()).isEqualTo("one");
    assertThat(config.region()).isEqualTo("r2");
  }

  @Test
  void providersAreFetchedConcurrently() {
    // Each provider waits until both have started: fetched one after the other, they would time out.
    CountDownLatch bothStarted = new CountDownLatch(2);
    EnvProvider a = waitingFor(bothStarted, "a", "API_KEY");
    EnvProvider b = waitingFor(bothStarted, "b", "REGION");

    Config config = Env.builder().hermetic().provider(a).provider(b).providerTimeout(Duration.ofSeconds(20)).load(Config.class);

    assertThat(config.region()).isEqualTo("b-value");
  }

  private static EnvProvider waitingFor(CountDownLatch latch, String name, String key) {
    return new EnvProvider() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public ProviderSnapshot fetch(ProviderRequest request) throws Exception {
        latch.countDown();
        if (!latch.await(10, TimeUnit.SECONDS)) {
          throw new ProviderException("the other provider never started: providers ran one after the other");
        }
        return ProviderSnapshot.builder().put(key, name + "-value", name).build();
      }
    };
  }

  @Test
  void aFailingProviderIsAProblemNamingItAndItsCause() {
    assertThatThrownBy(() -> Env.builder().hermetic()
            .provider(failing("doppler api/prd", new ProviderException("Doppler rejected the token (401): Invalid Service token")))
            .load(Config.class))
        .isInstanceOfSatisfying(EnvException.class, e -> assertThat(e.problems())
            .extracting(Problem::variable, Problem::kind, Problem::message)
            .containsExactly(
                tuple("doppler api/prd", Problem.Kind.PROVIDER, "Doppler rejected the token (401): Invalid Service token"),
                tuple("API_KEY", Problem.Kind.MISSING, "required but not set")));
  }

  @Test
  void missingVariableSaysWhereAProviderLookedForIt() {
    EnvProvider vault = new EnvProvider() {
      @Override
      public String name() {
        return "azure-keyvault my-vault";
      }

      @Override
      public ProviderSnapshot fetch(ProviderRequest request) {
        return ProviderSnapshot.builder().lookedFor("API_KEY", "secret api-key").build();
      }
    };

    assertThatThrownBy(() -> Env.builder().hermetic().provider(serving("first", Map.of())).provider(vault).load(Config.class))
        .isInstanceOfSatisfying(EnvException.class, e -> assertThat(e.problems())
            .extracting(Problem::variable, Problem::kind, Problem::origin)
            .containsExactly(tuple("API_KEY", Problem.Kind.MISSING,
                "looked in: environment, first, azure-keyvault my-vault (secret api-key)")));
  }

  @Test
  void anUnexpectedExceptionIsReportedWithItsType() {
    assertThatThrownBy(() -> Env.builder().hermetic().value("API_KEY", "k")
            .provider(failing("flaky", new IllegalStateException("boom"))).load(Config.class))
        .isInstanceOfSatisfying(EnvException.class, e -> assertThat(e.problems())
            .containsExactly(new Problem("flaky", Problem.Kind.PROVIDER, "failed: IllegalStateException: boom", "")));
  }

  @Test
  void aProviderThatNeverAnswersTimesOut() {
    EnvProvider stuck = new EnvProvider() {
      @Override
      public String name() {
        return "stuck";
      }

      @Override
      public ProviderSnapshot fetch(ProviderRequest request) throws Exception {
        new CountDownLatch(1).await();
        return ProviderSnapshot.builder().build();
      }
    };

    assertThatThrownBy(() -> Env.builder().hermetic().value("API_KEY", "k").provider(stuck).providerTimeout(Duration.ofMillis(50)).load(Config.class))
        .isInstanceOfSatisfying(EnvException.class, e -> assertThat(e.problems())
            .containsExactly(new Problem("stuck", Problem.Kind.PROVIDER, "did not answer within 50 ms (the provider timeout of the load)", "")));
  }

  @Test
  void timedOutProvidersLeaveNoThreadBehind() throws Exception {
    EnvProvider stuck = new EnvProvider() {
      @Override
      public String name() {
        return "stuck-forever";
      }

      @Override
      public ProviderSnapshot fetch(ProviderRequest request) throws Exception {
        new CountDownLatch(1).await();
        return ProviderSnapshot.builder().build();
      }
    };
    EnvLoader loader = Env.builder().hermetic().value("API_KEY", "k").provider(stuck)
        .providerTimeout(Duration.ofMillis(20)).build();

    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> loader.load(Config.class)).isInstanceOf(EnvException.class);
    }

    // The interrupted threads end on their own; wait for them without a fixed sleep.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (providerThreads("stuck-forever") > 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      Thread.yield();
    }
    assertThat(providerThreads("stuck-forever")).isZero();
  }

  private static long providerThreads(String provider) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.isAlive() && thread.getName().equals("envelope-provider-" + provider))
        .count();
  }

  @Test
  void aBuiltLoaderIsUnaffectedByLaterBuilderChanges() {
    Env.Builder builder = Env.builder().hermetic().value("API_KEY", "first");
    EnvLoader loader = builder.build();
    builder.value("API_KEY", "second").value("REGION", "eu");

    Config config = loader.load(Config.class);

    assertThat(config.apiKey().reveal()).isEqualTo("first");
    assertThat(config.region()).isEqualTo("none");
    assertThat(loader.load(Config.class)).isEqualTo(config);
    assertThat(loader.toString()).doesNotContain("first");
  }

  @Test
  void providersCanBeLimitedToProfiles() {
    Env.Builder builder = Env.builder().hermetic().value("API_KEY", "local")
        .provider(serving("prod-store", Map.of("REGION", "eu")), "staging", "production");

    assertThat(builder.load(Config.class).region()).isEqualTo("none");
    assertThat(builder.profile("prod").load(Config.class).region()).isEqualTo("eu");
  }

  @Test
  void providerSettingsAreReadFromDotEnvLocalAndTheEnvironment(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve(".env.local"), "VAULT_TOKEN=" + TOKEN + "\n");
    Path regionFile = dir.resolve("region");
    Files.writeString(regionFile, "eu-west-1\n");
    AtomicReference<Optional<String>> token = new AtomicReference<>();
    AtomicReference<Optional<String>> region = new AtomicReference<>();
    EnvProvider provider = new EnvProvider() {
      @Override
      public String name() {
        return "vault";
      }

      @Override
      public ProviderSnapshot fetch(ProviderRequest request) {
        token.set(request.setting("VAULT_TOKEN"));
        region.set(request.setting("VAULT_REGION"));
        return ProviderSnapshot.builder().put("API_KEY", "k", "vault").build();
      }
    };

    Resolution<Config> resolution = Env.builder().environment(Map.of("VAULT_REGION_FILE", regionFile.toString()))
        .directory(dir).strict().provider(provider).resolve(Config.class);

    assertThat(token.get()).contains(TOKEN);
    assertThat(region.get()).contains("eu-west-1");
    assertThat(resolution.report().warnings()).as("settings a provider read are not unknown keys").isEmpty();
  }

  @Test
  void computedAndSharedEntriesAreNeverUnknown() {
    EnvProvider provider = new EnvProvider() {
      @Override
      public String name() {
        return "doppler";
      }

      @Override
      public ProviderSnapshot fetch(ProviderRequest request) {
        return ProviderSnapshot.builder().put("API_KEY", "k", "doppler").computed("DOPPLER_CONFIG", "prd", "doppler")
            .put("API_KYE", "typo", "doppler").build();
      }
    };

    Resolution<Config> resolution = Env.builder().hermetic().provider(provider).resolve(Config.class);

    assertThat(resolution.report().warnings()).extracting(Problem::variable, Problem::hint)
        .containsExactly(tuple("API_KYE", "did you mean API_KEY?"));
  }

  @Test
  void providersListedInTheEnvironmentAreFoundByScheme() {
    StaticProviderFactory.CALLS.clear();
    Resolution<Config> resolution = Env.builder().hermetic()
        .environment(Map.of("ENVELOPE_PROVIDERS", "static:API_KEY=" + CANARY + ", static:REGION=eu"))
        .resolve(Config.class);

    assertThat(resolution.value().region()).isEqualTo("eu");
    assertThat(resolution.report().variable("API_KEY").orElseThrow().origin()).isEqualTo("static API_KEY");
    assertThat(StaticProviderFactory.CALLS).as("the factory sees all URIs of its scheme at once").containsExactly(2);
  }

  @Test
  void bareSchemeIsAccepted() {
    assertThatThrownBy(() -> Env.builder().hermetic().value("API_KEY", "k")
            .environment(Map.of("ENVELOPE_PROVIDERS", "vault:")).load(Config.class))
        .isInstanceOfSatisfying(EnvException.class, e -> assertThat(e.problems()).extracting(Problem::message)
            .containsExactly("no provider for scheme 'vault'; schemes on the class path: static"));
  }

  @Test
  void unknownSchemeListsTheSchemesOnTheClassPath() {
    assertThatThrownBy(() -> Env.builder().hermetic().value("API_KEY", "k")
            .environment(Map.of("ENVELOPE_PROVIDERS", "vault:secret/app")).load(Config.class))
        .isInstanceOfSatisfying(EnvException.class, e -> assertThat(e.problems()).containsExactly(
            new Problem("ENVELOPE_PROVIDERS", Problem.Kind.PROVIDER,
                "no provider for scheme 'vault'; schemes on the class path: static", "ENVELOPE_PROVIDERS")));
  }

  @Test
  void factoryRejectionIsAProblem() {
    assertThatThrownBy(() -> Env.builder().hermetic().value("API_KEY", "k")
            .environment(Map.of("ENVELOPE_PROVIDERS", "static:malformed")).load(Config.class))
        .isInstanceOfSatisfying(EnvException.class, e -> assertThat(e.problems()).extracting(Problem::message)
            .containsExactly("static: 'static:malformed' is not of the form static:NAME=value"));
  }

  @Test
  void hermeticLoadsIgnoreTheProviderList() {
    assertThat(Env.builder().hermetic().value("API_KEY", "k").value("ENVELOPE_PROVIDERS", "vault:x").noDiscoveredProviders()
        .load(Config.class).region()).isEqualTo("none");
  }

  @Test
  void aProviderExceptionWithoutAMessageIsStillAProblem() {
    assertThatThrownBy(() -> Env.builder().hermetic().value("API_KEY", "k")
            .provider(failing("quiet", new ProviderException(null))).load(Config.class))
        .isInstanceOfSatisfying(EnvException.class, e -> assertThat(e.problems())
            .containsExactly(new Problem("quiet", Problem.Kind.PROVIDER, "failed: ProviderException", "")));
  }

  @Test
  void anUnusableDiscoveredConverterIsASchemaProblem(@TempDir Path dir) throws Exception {
    Path services = Files.createDirectories(dir.resolve("META-INF/services"));
    Files.writeString(services.resolve("dev.envelope.Converter"), "com.example.NoSuchConverter\n");
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    try (java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] {dir.toUri().toURL()}, previous)) {
      Thread.currentThread().setContextClassLoader(loader);

      assertThatThrownBy(() -> Env.builder().hermetic().value("API_KEY", "k").load(Config.class))
          .isInstanceOfSatisfying(EnvException.class, e -> {
            assertThat(e.problems()).extracting(Problem::variable, Problem::kind)
                .containsExactly(tuple("META-INF/services/dev.envelope.Converter", Problem.Kind.SCHEMA));
            assertThat(e.problems().get(0).message()).contains("com.example.NoSuchConverter");
          });
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
  }

  @Test
  void anUnreadableSettingFileIsAProblemNotAMissingSetting(@TempDir Path dir) {
    Path missing = dir.resolve("token");
    EnvProvider provider = new EnvProvider() {
      @Override
      public String name() {
        return "vault";
      }

      @Override
      public ProviderSnapshot fetch(ProviderRequest request) throws ProviderException {
        request.setting("VAULT_TOKEN");
        request.setting("VAULT_TOKEN");
        return ProviderSnapshot.builder().put("API_KEY", "k", "vault").build();
      }
    };

    assertThatThrownBy(() -> Env.builder().hermetic().environment(Map.of("VAULT_TOKEN_FILE", missing.toString()))
            .provider(provider).load(Config.class))
        .isInstanceOfSatisfying(EnvException.class, e -> assertThat(e.problems()).containsExactly(
            new Problem("VAULT_TOKEN", Problem.Kind.INVALID,
                "VAULT_TOKEN_FILE points at a file that cannot be read (NoSuchFileException)", "file " + missing)));
  }
}
