package dev.envelope.junit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.envelope.spi.EnvProvider;
import dev.envelope.spi.FetchLimits;
import dev.envelope.spi.ProviderException;
import dev.envelope.spi.ProviderSnapshot;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** The fault matrix catches the faults it names: a naive HTTP provider fails the cases it should. */
class HttpProviderFaultContractTest {
  /**
   * Makes the mistakes the matrix exists for: follows redirects, retries a 429 at once whatever it
   * asks, reads any body whole, and quotes what it cannot parse.
   */
  static final class NaiveProvider implements EnvProvider {
    private static final Pattern VALUE = Pattern.compile("\"FAULT_SECRET\"\\s*:\\s*\"([^\"]*)\"\\s*}");
    private final URI server;
    private final FetchLimits limits;
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.ALWAYS).build();

    NaiveProvider(URI server, FetchLimits limits) {
      this.server = server;
      this.limits = limits;
    }

    @Override
    public String name() {
      return "naive";
    }

    @Override
    public ProviderSnapshot fetch(dev.envelope.spi.ProviderRequest request) throws Exception {
      String body = "";
      for (int attempt = 1; attempt <= limits.maxAttempts(); attempt++) {
        HttpResponse<byte[]> response = client.send(
            HttpRequest.newBuilder(server.resolve("/secrets")).timeout(limits.attemptTimeout()).build(),
            HttpResponse.BodyHandlers.ofByteArray());
        body = new String(response.body(), UTF_8);
        if (response.statusCode() == 200) {
          Matcher value = VALUE.matcher(body);
          if (value.find()) {
            return ProviderSnapshot.builder().put("FAULT_SECRET", value.group(1), "naive").build();
          }
          break;
        }
      }
      throw new ProviderException("unreadable answer: " + body.substring(0, Math.min(body.length(), 200)));
    }
  }

  @ExtendWith(OnlyInTestKit.class)
  static class NaiveProviderFaults extends HttpProviderFaultContract {
    @Override
    protected EnvProvider provider(URI server, FetchLimits limits) {
      return new NaiveProvider(server, limits);
    }

    @Override
    protected String successBody(Map<String, String> entries) {
      return "{\"FAULT_SECRET\":\"" + entries.get("FAULT_SECRET") + "\"}";
    }

    @Override
    protected String expectedProblem(Fault fault) {
      return switch (fault) {
        case THROTTLED_FOR_AN_HOUR -> "asked to wait 3600 s";
        case REDIRECT_TO_OTHER_HOST -> "redirects are not followed";
        default -> "a message the naive provider never writes";
      };
    }
  }

  private static EngineExecutionResults run(String method) {
    return EngineTestKit.engine("junit-jupiter")
        .configurationParameter(OnlyInTestKit.PARAMETER, "true")
        .selectors(selectMethod(NaiveProviderFaults.class, method))
        .execute();
  }

  private static String failureOf(String method) {
    EngineExecutionResults results = run(method);
    results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
    List<Throwable> failures = EngineRun.failures(results);
    return failures.get(0).getMessage();
  }

  @Test
  void followingARedirectToAnotherHostFailsTheContract() {
    assertThat(failureOf("redirectToAnotherHostIsNotFollowed")).isEqualTo("the load succeeded");
  }

  @Test
  void retryingAnHourLongThrottleAtOnceFailsTheContract() {
    assertThat(failureOf("throttlingForAnHourFailsAtOnceSayingSo"))
        .startsWith("THROTTLED_FOR_AN_HOUR: expected the problem to contain");
  }

  @Test
  void quotingAnUnparseableBodyFailsTheContractOnTheCanary() {
    assertThat(failureOf("invalidJsonIsRefusedWithoutRetryAndWithoutQuotingIt"))
        .startsWith("the secret value leaked into: ");
  }

  @Test
  void readingATenMegabyteBodyWholeFailsTheContract() {
    assertThat(failureOf("tenMegabyteBodyIsRefusedWithoutRetry")).startsWith("HUGE_BODY: ");
  }
}
