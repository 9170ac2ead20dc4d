package dev.envelope.benchmarks.floor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ShortDurationTest {
  @Test
  void readsTheShortFormsOfTheQuickstart() {
    assertThat(ShortDuration.parse("15m")).isEqualTo(Duration.ofMinutes(15));
    assertThat(ShortDuration.parse("7d")).isEqualTo(Duration.ofDays(7));
    assertThat(ShortDuration.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(ShortDuration.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
  }

  @Test
  void readsIso8601() {
    assertThat(ShortDuration.parse("PT15M")).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void rejectsAnUnknownUnitOrAMissingNumber() {
    assertThatIllegalArgumentException().isThrownBy(() -> ShortDuration.parse("15x"));
    assertThatIllegalArgumentException().isThrownBy(() -> ShortDuration.parse("m"));
    assertThatIllegalArgumentException().isThrownBy(() -> ShortDuration.parse(""));
  }
}
