package dev.envelope.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The short ({@code 1h30m}) and ISO-8601 ({@code PT15M}) duration forms, and what is refused. */
class DurationParserTest {

  @ParameterizedTest
  @CsvSource({
    "250ns, 0, 250",
    "3us, 0, 3000",
    "500ms, 0, 500000000",
    "30s, 30, 0",
    "15m, 900, 0",
    "2h, 7200, 0",
    "7d, 604800, 0",
    "2w, 1209600, 0",
    "0s, 0, 0",
  })
  void parsesEveryUnit(String text, long seconds, long nanos) {
    assertThat(DurationParser.parse(text)).isEqualTo(Duration.ofSeconds(seconds, nanos));
  }

  @ParameterizedTest
  @CsvSource({
    "1h30m, 5400, 0",
    "1d12h, 129600, 0",
    "1m30s500ms, 90, 500000000",
    "1w1d, 691200, 0",
    "' 15m ', 900, 0",
  })
  void addsUpCombinations(String text, long seconds, long nanos) {
    assertThat(DurationParser.parse(text)).isEqualTo(Duration.ofSeconds(seconds, nanos));
  }

  @ParameterizedTest
  @CsvSource({
    "PT15M, 900",
    "PT1H30M, 5400",
    "P2D, 172800",
    "P1DT1S, 86401",
    "pt10s, 10",
    "-PT15M, -900",
    "PT-90S, -90",
    "+PT1M, 60",
  })
  void parsesIso8601IncludingNegative(String text, long seconds) {
    assertThat(DurationParser.parse(text)).isEqualTo(Duration.ofSeconds(seconds));
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "15", "0", "", "   ", "ms", "15x", "1.5h", "1h30", "-5s", "h1", "fifteen minutes", "P", "PT", "P1Y",
    "PTxM", "1h-30m", "15 m", "99999999999999999999s"})
  void refusesGarbageWithoutRepeatingIt(String text) {
    Throwable thrown = catchThrowable(() -> DurationParser.parse(text));
    assertThat(thrown).isInstanceOf(IllegalArgumentException.class);
    // One fixed message whatever the input, so that a secret duration is never echoed.
    assertThat(thrown.getMessage()).startsWith("is not a duration").isEqualTo(messageFor("zzz"));
  }

  private static String messageFor(String text) {
    return catchThrowable(() -> DurationParser.parse(text)).getMessage();
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "9223372036854775807d", "9223372036854775807w", "9223372036854775807h", "9223372036854775807m",
    "9223372036854775807us", "9223372036854775807s1s", "106751991167301d"})
  void refusesDurationsTooLongForDuration(String text) {
    Throwable thrown = catchThrowable(() -> DurationParser.parse(text));
    assertThat(thrown).isInstanceOf(IllegalArgumentException.class);
    assertThat(thrown.getMessage()).startsWith("is ").doesNotContain(text);
  }

  @Test
  void acceptsTheLargestAmountsThatFit() {
    assertThat(DurationParser.parse("9223372036854775807s")).isEqualTo(Duration.ofSeconds(Long.MAX_VALUE));
    assertThat(DurationParser.parse("9223372036854775807ns")).isEqualTo(Duration.ofNanos(Long.MAX_VALUE));
    assertThat(DurationParser.parse("9223372036854775807ms")).isEqualTo(Duration.ofMillis(Long.MAX_VALUE));
  }
}
