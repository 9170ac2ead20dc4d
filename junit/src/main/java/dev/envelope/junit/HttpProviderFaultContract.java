package dev.envelope.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.envelope.Env;
import dev.envelope.EnvException;
import dev.envelope.Problem;
import dev.envelope.Profile;
import dev.envelope.Secret;
import dev.envelope.junit.FaultServer.Kind;
import dev.envelope.junit.FaultServer.Step;
import dev.envelope.spi.EnvProvider;
import dev.envelope.spi.FetchLimits;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Holds every HTTP-based provider to Envelope's promises when its server misbehaves: a server that
 * never answers, sends headers and then stalls, trickles a byte at a time, resets the connection
 * mid-body, sends 10 MB, sends invalid JSON holding a secret, throttles with {@code Retry-After} 1
 * and 3600, fails with 5xx before answering, fails slowly, or redirects to another host; and a load
 * that gives up on a provider that hangs.
 *
 * <p>Each case loads through {@link Env} against a local {@code FaultServer} and asserts how many
 * requests the server received, that the load ended within a generous multiple of the provider's
 * {@link #LIMITS} (and with the provider's own message, not the load's generic time-out), the
 * problem's text, that {@link #CANARY} and the {@linkplain #credentials() credentials} appear
 * nowhere, and that no thread is left working once the load returned. A provider's test class
 * extends it and says how to build the provider for a server URL and what a good answer looks like.
 */
public abstract class HttpProviderFaultContract {
  /** The value of the secret the server serves; it must never appear in any output. */
  protected static final String CANARY = "canary-5d2f-fault-never-print";

  /** The variable that holds {@link #CANARY}. */
  protected static final String SECRET_NAME = "FAULT_SECRET";

  /**
   * The limits every case builds the provider with: 3 attempts of at most 1 s, 15 s in all. The
   * attempts decide every case; the whole fetch's limit is far above them so that a host that
   * stalls for seconds (a shared CI machine) cannot let it expire first and decide the message.
   */
  protected static final FetchLimits LIMITS = FetchLimits.of(3, Duration.ofSeconds(1), Duration.ofSeconds(15));

  /**
   * The limits of the 10 MB case: attempts long enough that even a slow, cold machine reads past the
   * cap before an attempt ends, so that the case tests the cap and not the clock.
   */
  static final FetchLimits HUGE_BODY_LIMITS = FetchLimits.of(3, Duration.ofSeconds(8), Duration.ofSeconds(12));

  /** The load's own provider time-out: far above {@link #LIMITS}, so the provider must stop itself. */
  static final Duration LOAD_TIMEOUT = Duration.ofSeconds(30);

  /** How the load words a provider it stopped waiting for. */
  private static final String LOAD_GAVE_UP = "(the provider timeout of the load)";

  /** The faults whose problem text a provider words in {@link #expectedProblem}. */
  public enum Fault {
    /** The server reads the request and never answers. */
    NEVER_ANSWERS,
    /** The server sends 200 and its headers, then nothing more. */
    HEADERS_THEN_STALL,
    /** The server sends 200 and then one byte of white space every 100 ms. */
    TRICKLE,
    /** The server resets the connection after a few bytes of the body. */
    RESET_MID_BODY,
    /** The server sends a 10 MB body. */
    HUGE_BODY,
    /** The server sends 200 with a body that is not JSON and holds {@link #CANARY}. */
    INVALID_JSON,
    /** The server answers 429 with {@code Retry-After: 3600}. */
    THROTTLED_FOR_AN_HOUR,
    /** The server answers 503 after half a second, every time. */
    FAILS_SLOWLY,
    /** The server redirects to another host, which would serve {@link #CANARY}. */
    REDIRECT_TO_OTHER_HOST
  }

  /** The schema the cases load. */
  public record FaultSchema(Secret<String> faultSecret) {}

  private FaultServer server;
  private FaultServer otherHost;

  /**
   * Returns the provider under test, talking to {@code server} (for example {@code
   * https://127.0.0.1:41234}) within {@code limits}.
   */
  protected abstract EnvProvider provider(URI server, FetchLimits limits) throws Exception;

  /** Returns the body of a successful answer serving exactly {@code entries}. */
  protected abstract String successBody(Map<String, String> entries);

  /**
   * Returns a fragment that the provider's problem message for {@code fault} must contain, such as
   * {@code "asked to wait 3600 s"}.
   */
  protected abstract String expectedProblem(Fault fault);

  /** Returns the body of an error answer with {@code status}; empty by default. */
  protected String errorBody(int status) {
    return "";
  }

  /** Returns the TLS context the server speaks with, or null for plain HTTP (the default). */
  protected SSLContext serverTls() throws Exception {
    return null;
  }

  /** Returns the settings the load passes the provider; none by default. */
  protected Map<String, String> settings(URI server) {
    return Map.of();
  }

  /** Returns values that must never appear in any output, such as tokens; none by default. */
  protected Set<String> credentials() {
    return Set.of();
  }

  @BeforeEach
  void startServers() throws Exception {
    server = new FaultServer(serverTls());
    otherHost = new FaultServer(serverTls());
  }

  @AfterEach
  void stopServers() throws Exception {
    server.close();
    otherHost.close();
  }

  @Test
  void serverThatNeverAnswersIsAbandonedWithinTheLimits() throws Exception {
    script(Step.of(Kind.NEVER_ANSWER), LIMITS.maxAttempts());
    assertFails(Fault.NEVER_ANSWERS, 1, LIMITS.maxAttempts());
  }

  @Test
  void stallAfterTheHeadersIsBoundedByTheAttemptTimeout() throws Exception {
    script(Step.of(Kind.STALL_AFTER_HEADERS), LIMITS.maxAttempts());
    assertFails(Fault.HEADERS_THEN_STALL, 1, LIMITS.maxAttempts());
  }

  @Test
  void tricklingBodyIsBoundedByTheAttemptTimeout() throws Exception {
    script(Step.of(Kind.TRICKLE), LIMITS.maxAttempts());
    assertFails(Fault.TRICKLE, 1, LIMITS.maxAttempts());
  }

  @Test
  void resetMidBodyFailsWithinTheLimits() throws Exception {
    script(Step.of(Kind.RESET_MID_BODY), LIMITS.maxAttempts());
    assertFails(Fault.RESET_MID_BODY, 1, LIMITS.maxAttempts());
  }

  @Test
  void tenMegabyteBodyIsRefusedWithoutRetry() throws Exception {
    script(Step.of(Kind.ENDLESS_BODY), LIMITS.maxAttempts());
    assertFails(Fault.HUGE_BODY, HUGE_BODY_LIMITS, 1, 1);
  }

  @Test
  void invalidJsonIsRefusedWithoutRetryAndWithoutQuotingIt() throws Exception {
    String body = "{\"" + SECRET_NAME + "\": \"" + CANARY + "\" <html>" + CANARY + "</html>";
    script(Step.answer(200, Map.of(), body), LIMITS.maxAttempts());
    assertFails(Fault.INVALID_JSON, 1, 1);
  }

  @Test
  void throttlingForAnHourFailsAtOnceSayingSo() throws Exception {
    script(Step.answer(429, Map.of("Retry-After", "3600"), errorBody(429)), LIMITS.maxAttempts());
    assertFails(Fault.THROTTLED_FOR_AN_HOUR, 1, 1);
  }

  @Test
  void throttlingForASecondIsWaitedOut() throws Exception {
    server.script(Step.answer(429, Map.of("Retry-After", "1"), errorBody(429)), success());
    assertLoads(2);
  }

  @Test
  void serverErrorsBeforeASuccessAreRetried() throws Exception {
    for (int i = 1; i < LIMITS.maxAttempts(); i++) {
      server.script(Step.answer(503, Map.of(), errorBody(503)));
    }
    server.script(success());
    assertLoads(LIMITS.maxAttempts());
  }

  @Test
  void slowFailuresEndWithTheProvidersOwnMessage() throws Exception {
    Step slow = new Step(Kind.DELAYED_ANSWER, 503, Map.of(), errorBody(503).getBytes(java.nio.charset.StandardCharsets.UTF_8), 500);
    script(slow, LIMITS.maxAttempts());
    assertFails(Fault.FAILS_SLOWLY, 1, LIMITS.maxAttempts());
  }

  @Test
  void redirectToAnotherHostIsNotFollowed() throws Exception {
    URI elsewhere = otherHost.uriAsOtherHost();
    otherHost.script(success());
    script(Step.answer(302, Map.of("Location", elsewhere + "/stolen"), ""), LIMITS.maxAttempts());

    assertFails(Fault.REDIRECT_TO_OTHER_HOST, 1, 1);
    assertEquals(0, otherHost.requests().size(), "the other host was asked: " + otherHost.requests());
  }

  @Test
  void hangingProviderIsStoppedWhenTheLoadGivesUp() throws Exception {
    script(Step.of(Kind.NEVER_ANSWER), 2);
    EnvProvider provider = provider(server.uri(), FetchLimits.of(1, Duration.ofSeconds(60), Duration.ofSeconds(60)));
    Set<Thread> before = ThreadCheck.live();

    EnvException thrown = expectFailure(load(provider).providerTimeout(Duration.ofMillis(500)));

    assertTrue(problemOf(thrown, provider).contains(LOAD_GAVE_UP), thrown::getMessage);
    ThreadCheck.assertNoneLeftWorking(before);
    assertEquals(1, server.requests().size(), () -> "requests after the load gave up: " + server.requests());
  }

  private Step success() {
    return Step.answer(200, Map.of(), successBody(Map.of(SECRET_NAME, CANARY)));
  }

  private void script(Step step, int times) {
    for (int i = 0; i < times; i++) {
      server.script(step);
    }
  }

  private Env.Builder load(EnvProvider provider) {
    return Env.builder()
        .hermetic()
        .environment(settings(server.uri()))
        .profile(Profile.STAGING)
        .provider(provider)
        .providerTimeout(LOAD_TIMEOUT);
  }

  private void assertLoads(int requests) throws Exception {
    EnvProvider provider = provider(server.uri(), LIMITS);
    Set<Thread> before = ThreadCheck.live();

    FaultSchema loaded = load(provider).load(FaultSchema.class);

    assertEquals(CANARY, loaded.faultSecret().reveal());
    ThreadCheck.assertNoneLeftWorking(before);
    assertEquals(requests, server.requests().size(), () -> "requests: " + server.requests());
  }

  private void assertFails(Fault fault, int fewestRequests, int mostRequests) throws Exception {
    assertFails(fault, LIMITS, fewestRequests, mostRequests);
  }

  private void assertFails(Fault fault, FetchLimits limits, int fewestRequests, int mostRequests) throws Exception {
    EnvProvider provider = provider(server.uri(), limits);
    Set<Thread> before = ThreadCheck.live();
    long start = System.nanoTime();

    EnvException thrown = expectFailure(load(provider));

    Duration took = Duration.ofNanos(System.nanoTime() - start);
    String problem = problemOf(thrown, provider);
    // Generous: the point is that the provider's limits end the fetch, not the load's 30 s.
    Duration bound = limits.timeout().multipliedBy(2);
    assertTrue(took.compareTo(bound) < 0, () -> fault + " took " + took.toMillis() + " ms, over " + bound.toMillis() + " ms");
    assertFalse(problem.contains(LOAD_GAVE_UP), () -> fault + " ended by the load's time-out: " + problem);
    String expected = expectedProblem(fault);
    assertTrue(problem.contains(expected), () -> fault + ": expected the problem to contain\n  " + expected + "\nbut was\n  " + problem);
    ThreadCheck.assertNoneLeftWorking(before);
    int requests = server.requests().size();
    assertTrue(requests >= fewestRequests && requests <= mostRequests,
        () -> fault + ": " + requests + " requests, expected " + fewestRequests + " to " + mostRequests + ": " + server.requests());
  }

  private EnvException expectFailure(Env.Builder load) {
    try {
      load.load(FaultSchema.class);
    } catch (EnvException thrown) {
      assertNothingLeaks(thrown.getMessage());
      for (Problem problem : thrown.problems()) {
        assertNothingLeaks(problem.toString());
      }
      for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
        assertNothingLeaks(String.valueOf(cause));
      }
      return thrown;
    }
    return fail("the load succeeded");
  }

  private static String problemOf(EnvException thrown, EnvProvider provider) {
    return thrown.problems().stream()
        .filter(p -> p.kind() == Problem.Kind.PROVIDER && p.variable().equals(provider.name()))
        .map(Problem::message)
        .findFirst()
        .orElseGet(() -> fail("no PROVIDER problem named " + provider.name() + " in:\n" + thrown.getMessage()));
  }

  private void assertNothingLeaks(String output) {
    assertFalse(output.contains(CANARY), () -> "the secret value leaked into: " + output);
    for (String credential : credentials()) {
      assertFalse(output.contains(credential), () -> "a credential leaked into: " + output.replace(credential, "<credential>"));
    }
  }
}
