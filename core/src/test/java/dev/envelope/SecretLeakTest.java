package dev.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Feeds canary values through every path that prints something, and looks for them: the cases below,
 * and the sweep over {@link SecretLeakCorpus}, which captures everything a bad input leads to.
 */
class SecretLeakTest {
  private static final String CANARY = "CANARY-4e2b9d";

  record Secrets(
      @Size(min = 64) Secret<String> signingKey,
      Secret<Integer> pin,
      Secret<URI> dsn,
      Optional<@Pattern(regexp = "[a-z]+") Secret<String>> optionalKey,
      Secret<List<Integer>> codes) {}

  private static void assertNoCanary(String text) {
    assertThat(text).doesNotContain(CANARY).doesNotContain(CANARY.toLowerCase());
  }

  private static void assertNoCanary(EnvException e) {
    assertNoCanary(e.getMessage());
    assertNoCanary(e.toString());
    for (Problem problem : e.problems()) {
      assertNoCanary(problem.toString());
      assertNoCanary(problem.message() + problem.origin() + problem.hint());
    }
  }

  /** Returns how the JDK describes what is wrong with {@code text} as a URI (the index differs between releases). */
  private static String uriError(String text) {
    try {
      new java.net.URI(text);
      throw new AssertionError(text + " is a URI");
    } catch (java.net.URISyntaxException e) {
      return e.getReason() + " at index " + e.getIndex();
    }
  }

  @Test
  void conversionAndConstraintFailuresNeverShowTheValue() {
    EnvException e = catchThrowableOfType(EnvException.class, () -> Env.builder().hermetic().values(Map.of(
            "SIGNING_KEY", CANARY,
            "PIN", CANARY,
            "DSN", "http://" + CANARY + " with spaces",
            "OPTIONAL_KEY", CANARY,
            "CODES", "1," + CANARY))
        .load(Secrets.class));

    assertThat(e.problems()).extracting(Problem::variable, Problem::message).containsExactly(
        org.assertj.core.groups.Tuple.tuple("SIGNING_KEY", "must be at least 64 characters long"),
        org.assertj.core.groups.Tuple.tuple("PIN", "the secret value is not an integer"),
        org.assertj.core.groups.Tuple.tuple("DSN", "the secret value is not a valid URI: " + uriError("http://" + CANARY + " with spaces")),
        org.assertj.core.groups.Tuple.tuple("OPTIONAL_KEY", "must match \"[a-z]+\""),
        org.assertj.core.groups.Tuple.tuple("CODES", "the secret value item 2 is not an integer"));
    assertNoCanary(e);
  }

  @Test
  void recordReportAndResolutionMaskSecrets() {
    Resolution<Secrets> resolution = Env.builder().hermetic().values(Map.of(
            "SIGNING_KEY", CANARY.repeat(10), "PIN", "1234", "DSN", "https://" + CANARY + "@sentry.io/1",
            "OPTIONAL_KEY", "abc", "CODES", "1,2"))
        .resolve(Secrets.class);

    assertNoCanary(resolution.value().toString());
    assertNoCanary(resolution.toString());
    assertNoCanary(resolution.report().variables().toString());
    assertThat(resolution.value().dsn().reveal().getUserInfo()).isEqualTo(CANARY);
  }

  @Test
  void secretsFromDotEnvFilesNeverAppearInReportsOrUnknownKeyWarnings(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve(".env"), "SIGNING_KEY=" + CANARY.repeat(10) + "\nPIN=1\nDSN=https://x\nCODES=1\nSIGNIN_KEY=" + CANARY + "\n");
    CapturedLog log = CapturedLog.of("dev.envelope");
    Resolution<Secrets> resolution;
    try (log) {
      resolution = Env.builder().environment(Map.of()).directory(dir).resolve(Secrets.class);
    }
    List<String> logged = log.messages();

    assertThat(logged).hasSize(1);
    assertThat(logged.get(0)).contains("SIGNIN_KEY").contains("did you mean SIGNING_KEY?");
    logged.forEach(SecretLeakTest::assertNoCanary);
    assertNoCanary(resolution.toString());
  }

  @Test
  void nothingIsPrintedToTheConsoleOnAFailedLoad() {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      System.setErr(capture);
      catchThrowableOfType(EnvException.class, () -> Env.builder().hermetic().value("PIN", CANARY).load(Secrets.class));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    assertNoCanary(captured.toString(StandardCharsets.UTF_8));
  }

  @Test
  void secretToStringAndEqualityRevealNothing() {
    Secret<String> secret = Secret.of(CANARY);

    assertThat(secret.toString()).isEqualTo("****");
    assertThat(secret).isEqualTo(Secret.of(CANARY)).isNotEqualTo(Secret.of("other"));
    assertThat(secret.hashCode()).isEqualTo(Secret.of("other").hashCode());
    assertThat(Secret.of(new byte[] {1, 2})).isEqualTo(Secret.of(new byte[] {1, 2}));
  }

  record Database(Secret<String> dbPassword, java.net.URI databaseUrl, @Default("5432") int port) {}

  @Test
  void aSecretExpandedIntoAPlainVariableIsMaskedInReportsAndProblems(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve(".env"), "DATABASE_URL=postgres://app:${DB_PASSWORD}@db/app\nPORT=${DB_PASSWORD}\n");
    Env.Builder load = Env.builder().environment(Map.of("DB_PASSWORD", CANARY)).directory(dir);

    EnvException e = catchThrowableOfType(EnvException.class, () -> load.load(Database.class));

    assertThat(e.problems()).containsExactly(
        new Problem("PORT", Problem.Kind.INVALID, "'****' is not a valid integer (details withheld: the value holds a secret)", dir.resolve(".env") + ":2"));
    assertNoCanary(e);

    Files.writeString(dir.resolve(".env"), "DATABASE_URL=postgres://app:${DB_PASSWORD}@db/app\n");
    Resolution<Database> resolution = load.resolve(Database.class);
    assertThat(resolution.value().databaseUrl().getUserInfo()).isEqualTo("app:" + CANARY);
    assertThat(resolution.report().variable("DATABASE_URL").orElseThrow().value()).isEqualTo("postgres://app:****@db/app");
    assertNoCanary(resolution.report().toString());
  }

  @Test
  void aProviderCredentialQuotedByALibraryIsMasked() {
    dev.envelope.spi.EnvProvider provider = new dev.envelope.spi.EnvProvider() {
      @Override
      public String name() {
        return "vault";
      }

      @Override
      public dev.envelope.spi.ProviderSnapshot fetch(dev.envelope.spi.ProviderRequest request) {
        throw new IllegalStateException("401 for token " + request.setting("VAULT_TOKEN").orElseThrow());
      }
    };

    EnvException e = catchThrowableOfType(EnvException.class, () -> Env.builder().hermetic()
        .environment(Map.of("VAULT_TOKEN", CANARY)).value("PIN", "1").provider(provider).load(Secrets.class));

    assertThat(e.problems().get(0)).isEqualTo(
        new Problem("vault", Problem.Kind.PROVIDER, "failed: IllegalStateException: 401 for token ****", ""));
    assertNoCanary(e);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.envelope.SecretLeakCorpus#cases")
  void noOutputOfABadInputHoldsAnyPartOfItsSecret(SecretLeakCorpus.Case leak, @TempDir Path dir) {
    List<String> outputs = new java.util.ArrayList<>();
    Object outcome = captured(outputs, () -> leak.attempt().run(dir));

    if (leak.expected().startsWith("warns ")) {
      assertThat(outcome).as("outcome of %s", leak).isInstanceOf(Resolution.class);
      Resolution<?> resolution = (Resolution<?>) outcome;
      assertThat(resolution.report().warnings()).extracting(Problem::variable).contains(leak.expected().substring(6));
      outputs.add(resolution.toString());
      outputs.add(resolution.value().toString());
      outputs.add(resolution.report().toJson());
      outputs.add(resolution.report().variables().toString());
    } else {
      assertThat(outcome).as("outcome of %s", leak).isInstanceOf(EnvException.class);
      EnvException e = (EnvException) outcome;
      assertThat(e.problems()).extracting(problem -> problem.variable() + " " + problem.kind()).contains(leak.expected().replace("$DIR", dir.toString()));
      outputs.add(e.toJson());
      outputs.add(e.problems().toString());
      outputs.add(e.warnings().toString());
      java.io.StringWriter trace = new java.io.StringWriter();
      e.printStackTrace(new java.io.PrintWriter(trace));
      outputs.add(trace.toString());
      for (Throwable t = e; t != null; t = t.getCause()) {
        outputs.add(t.toString());
      }
    }
    for (String output : outputs) {
      assertNoFragment(output);
    }
  }

  /** Runs {@code attempt}, adding what it logged or printed to {@code outputs}; returns its result or what it threw. */
  private static Object captured(List<String> outputs, java.util.concurrent.Callable<Object> attempt) {
    Logger root = Logger.getLogger("");
    java.util.logging.Level level = root.getLevel();
    java.util.logging.SimpleFormatter formatter = new java.util.logging.SimpleFormatter();
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord record) {
        synchronized (outputs) {
          outputs.add(formatter.format(record));
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    handler.setLevel(java.util.logging.Level.ALL);
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    root.addHandler(handler);
    root.setLevel(java.util.logging.Level.ALL);
    try (PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      System.setErr(capture);
      try {
        return attempt.call();
      } catch (Throwable t) {
        return t;
      }
    } finally {
      System.setOut(out);
      System.setErr(err);
      root.removeHandler(handler);
      root.setLevel(level);
      synchronized (outputs) {
        outputs.add(console.toString(StandardCharsets.UTF_8));
      }
    }
  }

  /** Fails if {@code text} holds any six characters in a row of the canary, in any case. */
  private static void assertNoFragment(String text) {
    String lower = text.toLowerCase(java.util.Locale.ROOT);
    String canary = SecretLeakCorpus.CANARY.toLowerCase(java.util.Locale.ROOT);
    for (int i = 0; i + 6 <= canary.length(); i++) {
      assertThat(lower).as("output holding part of the secret").doesNotContain(canary.substring(i, i + 6));
    }
  }
}
