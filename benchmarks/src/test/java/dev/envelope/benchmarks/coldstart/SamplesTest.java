package dev.envelope.benchmarks.coldstart;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SamplesTest {
  @Test
  void medianOfAnEvenCountAveragesTheMiddleTwo() {
    assertThat(Samples.percentile(new double[] {4, 1, 3, 2}, 50)).isEqualTo(2.5);
  }

  @Test
  void medianOfAnOddCountIsTheMiddleValue() {
    assertThat(Samples.percentile(new double[] {5, 1, 3}, 50)).isEqualTo(3);
  }

  @Test
  void ninetiethPercentileIsTheNearestRank() {
    double[] values = new double[20];
    for (int i = 0; i < values.length; i++) {
      values[i] = 20 - i; // 20 down to 1
    }
    assertThat(Samples.percentile(values, 90)).isEqualTo(18);
  }

  @Test
  void summarisesWallTimeAndRssSeparately() {
    Samples samples = new Samples();
    samples.add(100, 40);
    samples.add(300, 60);
    samples.add(200, 50);
    assertThat(samples.count()).isEqualTo(3);
    assertThat(samples.medianWall()).isEqualTo(200);
    assertThat(samples.p90Wall()).isEqualTo(300);
    assertThat(samples.medianRss()).isEqualTo(50);
  }
}
