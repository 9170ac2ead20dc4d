package dev.envelope.aws.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.envelope.Profile;
import dev.envelope.spi.EnvProvider;
import dev.envelope.spi.FetchLimits;
import dev.envelope.spi.ProviderException;
import dev.envelope.spi.ProviderRequest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Holds an AWS provider to what proxies, gateways and broken networks answer: errors without an AWS
 * error code, a 200 that is not JSON, {@code Retry-After}, a body that stalls or trickles, a body too
 * large. Each case asserts the number of requests, the message, and that neither the canary in the
 * answer nor the secret key appears in anything printed. A provider module's test extends it.
 */
public abstract class AwsFaultContract {
  /** A value the faults put in their answers; it must never be printed. */
  protected static final String CANARY = "canary-fault-4e2b-never-print";

  /** Generous: the faults below end in well under a second, or in one short attempt time-out. */
  private static final Duration BOUND = Duration.ofSeconds(20);

  /** Returns the stand-in the provider talks to, serving one value normally. */
  protected abstract AwsStandIn standIn();

  /** Returns a provider that reads one value from {@link #standIn()} within {@code limits}. */
  protected abstract EnvProvider provider(FetchLimits limits);

  /** Returns how messages name the service: {@code Secrets Manager}, {@code Parameter Store}. */
  protected abstract String serviceName();

  private static final FetchLimits FAST = FetchLimits.of(3, Duration.ofMillis(800), Duration.ofSeconds(8));
  /**
   * For the cases about the attempt timeout: the whole fetch may take far longer than its attempts,
   * so that a machine that stalls for seconds (a shared CI host) cannot let the fetch's own time
   * limit expire first and decide the message.
   */
  private static final FetchLimits ATTEMPTS_DECIDE = FetchLimits.of(2, Duration.ofMillis(800), Duration.ofSeconds(15));

  private String failure(FetchLimits limits) {
    ProviderRequest request = ProviderRequest.of(Profile.PRODUCTION, Set.of(), Map.of());
    long start = System.nanoTime();
    Throwable thrown = catchThrowable(() -> provider(limits).fetch(request));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND);
    assertThat(thrown).isInstanceOf(ProviderException.class);
    StringWriter printed = new StringWriter();
    thrown.printStackTrace(new PrintWriter(printed));
    assertThat(printed.toString()).doesNotContain(CANARY).doesNotContain(SignatureCheck.SECRET_ACCESS_KEY)
        .doesNotContain("NullPointerException");
    return thrown.getMessage();
  }

  @Test
  void htmlBadGatewayFromAProxyIsDescribedByItsStatusAfterRetries() {
    standIn().failNext(3, Faults.raw(502, Map.of("Content-Type", "text/html"), "<html><body>" + CANARY + "</body></html>"));

    assertThat(failure(FAST))
        .startsWith(serviceName() + " (region eu-west-1, endpoint " + standIn().endpoint() + ") answered HTTP 502,"
            + " text/html without an AWS error code after 3 attempts: probably from a proxy, gateway or load balancer");
    assertThat(standIn().calls()).hasSize(3);
  }

  @Test
  void proxyAuthenticationRequiredIsNamedAndNotRetried() {
    standIn().failNext(1, Faults.raw(407, Map.of("Proxy-Authenticate", "Basic realm=\"" + CANARY + "\""), ""));

    assertThat(failure(FAST)).contains("answered HTTP 407 without an AWS error code: a proxy in between asks for authentication");
    assertThat(standIn().calls()).hasSize(1);
  }

  @Test
  void redirectIsNotFollowedAndItsTargetIsNamedWithoutItsQuery() {
    standIn().failNext(1, Faults.raw(302, Map.of("Location", "http://elsewhere.invalid:8080/login?token=" + CANARY), ""));

    assertThat(failure(FAST))
        .contains("answered HTTP 302 without an AWS error code: a redirect to http://elsewhere.invalid:8080, which"
            + " Envelope does not follow; check the endpoint and region");
    assertThat(standIn().calls()).hasSize(1);
  }

  @Test
  void jsonUnauthorisedWithoutAnErrorCodeIsDescribedWithoutItsMessage() {
    standIn().failNext(1, Faults.raw(401, Map.of("Content-Type", "application/json"), "{\"message\":\"" + CANARY + "\"}"));

    assertThat(failure(FAST))
        .contains("answered HTTP 401, application/json without an AWS error code: refused as unauthorised");
    assertThat(standIn().calls()).hasSize(1);
  }

  @Test
  void successfulAnswerThatIsNotJsonIsNotRetriedAndNotQuoted() {
    standIn().failNext(3, Faults.raw(200, Map.of("Content-Type", AwsStandIn.JSON_1_1), "{\"x\": " + CANARY + "}"));

    assertThat(failure(FAST))
        .contains(serviceName() + " (region eu-west-1, endpoint " + standIn().endpoint() + ") answered HTTP 200 with a"
            + " body that is not valid JSON (at line 1, column ")
        .contains("; the body is not shown)");
    assertThat(standIn().calls()).hasSize(1);
  }

  @Test
  void retryAfterLongerThanTheFetchHasLeftFailsAtOnceSayingSo() {
    standIn().failNext(3, Faults.throttled(429, 3600));

    assertThat(failure(FAST))
        .startsWith("throttled by " + serviceName() + " (region eu-west-1, endpoint " + standIn().endpoint()
            + "): HTTP 429, asked to wait 3600 s, more than the ")
        .contains(" left of this fetch (timeout 8 s)");
    assertThat(standIn().calls()).hasSize(1);
  }

  @Test
  void retryAfterThatFitsIsHonouredAndTheCallSucceeds() throws Exception {
    standIn().failNext(1, Faults.throttled(429, 1));

    provider(FAST).fetch(ProviderRequest.of(Profile.PRODUCTION, Set.of(), Map.of()));

    assertThat(standIn().calls()).hasSize(2);
  }

  @Test
  void serverErrorsThenSuccessAreRetried() throws Exception {
    standIn().failNext(2, 503, "ServiceUnavailable", "Service is unavailable");

    provider(FAST).fetch(ProviderRequest.of(Profile.PRODUCTION, Set.of(), Map.of()));

    assertThat(standIn().calls()).hasSize(3);
  }

  @Test
  void bodyThatStallsAfterTheHeadersEndsWithTheAttemptTimeout() {
    standIn().failNext(2, Faults.stallAfterHeaders());

    assertThat(failure(ATTEMPTS_DECIDE))
        .contains(") did not answer in time after 2 attempts: each attempt may take 800 ms (attemptTimeout), body included");
    assertThat(standIn().calls()).hasSize(2);
  }

  @Test
  void aStalledFetchLeavesNoSdkThreadBehind() throws InterruptedException {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    standIn().failNext(1, Faults.stallAfterHeaders());

    // The client's time-out threads start with the fetch; seen while it runs, they must end with it.
    Set<Thread> started = new HashSet<>();
    ProviderRequest request = ProviderRequest.of(Profile.PRODUCTION, Set.of(), Map.of());
    EnvProvider provider = provider(FAST.withMaxAttempts(1));
    Thread fetch = new Thread(() -> catchThrowable(() -> provider.fetch(request)));
    fetch.start();
    while (fetch.isAlive()) {
      for (Thread thread : Thread.getAllStackTraces().keySet()) {
        if (!before.contains(thread) && thread.getName().startsWith("sdk-")) {
          started.add(thread);
        }
      }
      fetch.join(10);
    }

    assertThat(started).as("the SDK's threads of the fetch").isNotEmpty();
    for (Thread thread : started) {
      thread.join(BOUND.toMillis());
      assertThat(thread.isAlive()).as("thread %s still alive", thread.getName()).isFalse();
    }
  }

  @Test
  void bodyThatTricklesEndsWithTheAttemptTimeout() {
    standIn().failNext(1, Faults.trickle(50));

    assertThat(failure(ATTEMPTS_DECIDE.withMaxAttempts(1)))
        .contains(") did not answer in time: each attempt may take 800 ms (attemptTimeout), body included");
    assertThat(standIn().calls()).hasSize(1);
  }

  @Test
  void bodyLargerThanTheCapIsRefusedWithoutRetry() {
    standIn().failNext(3, Faults.hugeBody(10 * 1024 * 1024));

    assertThat(failure(FAST)).contains(") sent an answer larger than 4 MiB (HTTP 200)");
    assertThat(standIn().calls()).hasSize(1);
  }
}
