package dev.envelope.aws.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envelope.spi.FetchLimits;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpResponse;

class AwsDeadlineTest {
  @Test
  void eachCallMayTakeWhatIsLeftAndEachAttemptAtMostTheAttemptTimeout() {
    AwsRequestOverrideConfiguration override =
        AwsDeadline.start(FetchLimits.of(3, Duration.ofSeconds(2), Duration.ofSeconds(60))).override();

    assertThat(override.apiCallAttemptTimeout()).contains(Duration.ofSeconds(2));
    assertThat(override.apiCallTimeout().orElseThrow()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(60));
  }

  @Test
  void retryAfterIsReadInSecondsOrAwsMillisecondsAndAnHttpDateIsIgnored() {
    SdkHttpResponse seconds = SdkHttpResponse.builder().statusCode(429).putHeader("Retry-After", "3600").build();
    SdkHttpResponse millis = SdkHttpResponse.builder().statusCode(429).putHeader("x-amz-retry-after", "1500").build();
    SdkHttpResponse date =
        SdkHttpResponse.builder().statusCode(503).putHeader("Retry-After", "Wed, 21 Oct 2026 07:28:00 GMT").build();

    assertThat(ResponseGuard.retryAfter(seconds)).isEqualTo(Duration.ofSeconds(3600));
    assertThat(ResponseGuard.retryAfter(millis)).isEqualTo(Duration.ofMillis(1500));
    assertThat(ResponseGuard.retryAfter(date)).isNull();
  }
}
