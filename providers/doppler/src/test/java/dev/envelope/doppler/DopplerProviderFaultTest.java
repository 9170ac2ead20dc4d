package dev.envelope.doppler;

import dev.envelope.junit.HttpProviderFaultContract;
import dev.envelope.spi.EnvProvider;
import dev.envelope.spi.FetchLimits;
import java.net.URI;
import java.util.Map;
import java.util.Set;

class DopplerProviderFaultTest extends HttpProviderFaultContract {
  @Override
  protected Set<String> credentials() {
    return Set.of(DopplerFixture.TOKEN);
  }

  @Override
  protected EnvProvider provider(URI server, FetchLimits limits) {
    return DopplerProvider.builder().apiHost(server.toString()).token(DopplerFixture.TOKEN).limits(limits).build();
  }

  @Override
  protected String successBody(Map<String, String> entries) {
    return new String(SecretsJson.write(entries), java.nio.charset.StandardCharsets.UTF_8);
  }

  @Override
  protected String errorBody(int status) {
    return "{\"messages\":[\"" + (status == 429 ? "Too many requests" : "Service unavailable") + "\"],\"success\":false}";
  }

  @Override
  protected String expectedProblem(Fault fault) {
    return switch (fault) {
      case NEVER_ANSWERS, HEADERS_THEN_STALL, TRICKLE -> "did not answer within ";
      case RESET_MID_BODY -> "Lost the connection to Doppler at 127.0.0.1:";
      case HUGE_BODY -> "Doppler's response for the token's config is larger than 4 MiB, the most this provider reads";
      case INVALID_JSON -> "Doppler's response for the token's config is not a JSON object of strings: it is not valid JSON";
      case THROTTLED_FOR_AN_HOUR -> "Doppler is rate-limiting the token dp.st.… (429): Too many requests; it asked to"
          + " wait 3600 s, more than the ";
      case FAILS_SLOWLY -> "Doppler answered 503: Service unavailable (3 attempts)";
      case REDIRECT_TO_OTHER_HOST -> "answered 302, redirecting to http://localhost:";
    };
  }
}
