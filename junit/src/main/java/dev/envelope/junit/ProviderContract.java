package dev.envelope.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.envelope.Env;
import dev.envelope.EnvException;
import dev.envelope.Problem;
import dev.envelope.Profile;
import dev.envelope.Report;
import dev.envelope.Resolution;
import dev.envelope.Secret;
import dev.envelope.spi.EnvProvider;
import dev.envelope.spi.ProviderRequest;
import dev.envelope.spi.ProviderSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Holds every provider to the same behaviour: entries and origins, missing keys, failures, and
 * masking. A provider's test class extends it and says how to serve entries and how to fail.
 *
 * <p>The tests serve a secret whose value is {@link #CANARY} and assert that it never appears in an
 * exception, a report or a {@code toString}, nor do the provider's {@linkplain #credentials()
 * credentials}.
 */
public abstract class ProviderContract {
  /** The value of the secret the contract serves; it must never appear in any output. */
  protected static final String CANARY = "canary-7c1e-never-print-this-secret";

  /** The variable that holds {@link #CANARY}. */
  protected static final String SECRET_NAME = "CONTRACT_SECRET";

  /** A variable with a plain value. */
  protected static final String PLAIN_NAME = "CONTRACT_PLAIN";

  /** The value of {@link #PLAIN_NAME}. */
  protected static final String PLAIN_VALUE = "plain-value";

  /** The schema the contract loads. */
  public record ContractSchema(Secret<String> contractSecret, String contractPlain) {}

  /**
   * Returns a provider that serves exactly {@code entries} (variable name to value), reading its
   * settings from {@link #settings()}.
   */
  protected abstract EnvProvider providerServing(Map<String, String> entries) throws Exception;

  /**
   * Returns a provider whose fetch fails in the way the source most commonly fails (rejected
   * credentials, unreadable directory, ...).
   */
  protected abstract EnvProvider failingProvider() throws Exception;

  /** Returns the settings the providers read (tokens, endpoints); none by default. */
  protected Map<String, String> settings() {
    return Map.of();
  }

  /** Returns values that must never appear in any output, such as tokens; none by default. */
  protected Set<String> credentials() {
    return Set.of();
  }

  private static Map<String, String> bothEntries() {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put(SECRET_NAME, CANARY);
    entries.put(PLAIN_NAME, PLAIN_VALUE);
    return entries;
  }

  private ProviderRequest request() {
    return ProviderRequest.of(Profile.STAGING, Set.of(SECRET_NAME, PLAIN_NAME), settings());
  }

  private Env.Builder hermeticLoad(EnvProvider provider) {
    return Env.builder().hermetic().environment(settings()).profile(Profile.STAGING).provider(provider);
  }

  private void assertNothingLeaks(String output) {
    assertFalse(output.contains(CANARY), () -> "the secret value leaked into: " + output);
    for (String credential : credentials()) {
      assertFalse(output.contains(credential), () -> "a credential leaked into: " + output.replace(credential, "<credential>"));
    }
  }

  @Test
  void servesEntriesWithNonBlankOrigins() throws Exception {
    ProviderSnapshot snapshot = providerServing(bothEntries()).fetch(request());

    Map<String, String> served = new LinkedHashMap<>();
    for (ProviderSnapshot.Entry entry : snapshot.entries()) {
      served.put(entry.name(), entry.value());
      assertFalse(entry.origin().isBlank(), () -> "blank origin for " + entry.name());
      assertNothingLeaks(entry.origin());
    }
    assertEquals(bothEntries(), served);
  }

  @Test
  void loadsIntoARecordWithTheProviderAsOrigin() throws Exception {
    EnvProvider provider = providerServing(bothEntries());
    ProviderSnapshot snapshot = provider.fetch(request());

    Resolution<ContractSchema> resolution = hermeticLoad(provider).resolve(ContractSchema.class);

    assertEquals(CANARY, resolution.value().contractSecret().reveal());
    assertEquals(PLAIN_VALUE, resolution.value().contractPlain());
    Report.Variable secret = resolution.report().variable(SECRET_NAME).orElseThrow();
    String expectedOrigin =
        snapshot.entries().stream().filter(e -> e.name().equals(SECRET_NAME)).findFirst().orElseThrow().origin();
    assertEquals(expectedOrigin, secret.origin());
    assertTrue(secret.secret());
    assertNothingLeaks(resolution.report().toString());
    assertNothingLeaks(resolution.value().toString());
  }

  @Test
  void missingVariableNamesTheProviderAmongThePlacesLookedIn() throws Exception {
    EnvProvider provider = providerServing(Map.of(PLAIN_NAME, PLAIN_VALUE));

    EnvException thrown = assertThrows(EnvException.class, () -> hermeticLoad(provider).load(ContractSchema.class));

    Problem missing =
        thrown.problems().stream()
            .filter(p -> p.variable().equals(SECRET_NAME))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no problem for " + SECRET_NAME + " in " + thrown.getMessage()));
    assertEquals(Problem.Kind.MISSING, missing.kind());
    assertTrue(missing.origin().contains(provider.name()), () -> "looked-in list lacks the provider: " + missing);
    assertEquals(1, thrown.problems().size(), thrown::getMessage);
  }

  @Test
  void failureIsOneProviderProblemThatLeaksNothing() throws Exception {
    EnvProvider provider = failingProvider();

    EnvException thrown = assertThrows(EnvException.class, () -> hermeticLoad(provider).load(ContractSchema.class));

    boolean named =
        thrown.problems().stream()
            .anyMatch(p -> p.kind() == Problem.Kind.PROVIDER && p.variable().equals(provider.name()));
    if (!named) {
      fail("expected a PROVIDER problem named " + provider.name() + " in:\n" + thrown.getMessage());
    }
    assertNothingLeaks(thrown.getMessage());
    for (Problem problem : thrown.problems()) {
      assertNothingLeaks(problem.toString());
    }
  }

  @Test
  void toStringsNeverShowValuesOrCredentials() throws Exception {
    EnvProvider provider = providerServing(bothEntries());
    ProviderSnapshot snapshot = provider.fetch(request());

    assertNothingLeaks(provider.toString());
    assertNothingLeaks(provider.name());
    assertNothingLeaks(snapshot.toString());
    for (ProviderSnapshot.Entry entry : snapshot.entries()) {
      assertNothingLeaks(entry.toString());
    }
  }

  @Test
  void fetchingTwiceGivesTheSameEntries() throws Exception {
    EnvProvider provider = providerServing(bothEntries());

    assertEquals(provider.fetch(request()).entries(), provider.fetch(request()).entries());
  }

  /**
   * The provider's settings (a token, an endpoint) work from a {@code .env} file as they do from the
   * environment, so a developer can keep them in {@code .env.local}.
   */
  @Test
  void settingsAreReadFromADotEnvFile(@TempDir Path directory) throws Exception {
    EnvProvider provider = providerServing(bothEntries());
    StringBuilder dotEnv = new StringBuilder();
    // Single quotes: the value is taken literally, whatever characters a token holds.
    settings().forEach((name, value) -> dotEnv.append(name).append("='").append(value).append("'\n"));
    Files.writeString(directory.resolve(".env"), dotEnv);

    Resolution<ContractSchema> resolution =
        Env.builder().hermetic().directory(directory).profile(Profile.STAGING).provider(provider)
            .resolve(ContractSchema.class);

    assertEquals(CANARY, resolution.value().contractSecret().reveal());
    assertNothingLeaks(resolution.report().toString());
  }
}
