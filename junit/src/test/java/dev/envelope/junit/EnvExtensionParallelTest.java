package dev.envelope.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

class EnvExtensionParallelTest {
  private static final int TESTS = 4;

  private static final Map<String, String> PARALLEL =
      Map.of(
          "junit.jupiter.execution.parallel.enabled", "true",
          "junit.jupiter.execution.parallel.mode.default", "concurrent",
          "junit.jupiter.execution.parallel.config.strategy", "fixed",
          "junit.jupiter.execution.parallel.config.fixed.parallelism", String.valueOf(TESTS));

  /**
   * Each test waits until all four have loaded, so they only pass when they really run at the same
   * time; each then checks that it sees its own values and nobody else's.
   */
  @ExtendWith(OnlyInTestKit.class)
  @EnvTest(profile = "test", values = "POOL_MAX=1")
  static class ConcurrentTests {
    static volatile CyclicBarrier together;

    @Test
    @EnvTest(values = {"APP_URL=https://one.example", "POOL_MAX=1"})
    void one(AppEnv env) throws Exception {
      together.await(30, TimeUnit.SECONDS);
      assertThat(env.appUrl().getHost()).isEqualTo("one.example");
      assertThat(env.poolMax()).isEqualTo(1);
    }

    @Test
    @EnvTest(values = {"APP_URL=https://two.example", "POOL_MAX=2"})
    void two(AppEnv env) throws Exception {
      together.await(30, TimeUnit.SECONDS);
      assertThat(env.appUrl().getHost()).isEqualTo("two.example");
      assertThat(env.poolMax()).isEqualTo(2);
    }

    @Test
    @EnvTest(profile = "production", values = {"APP_URL=https://three.example", "JWT_SECRET=" + AppEnv.LONG_CANARY})
    void three(AppEnv env) throws Exception {
      together.await(30, TimeUnit.SECONDS);
      assertThat(env.appUrl().getHost()).isEqualTo("three.example");
      assertThat(env.jwtSecret().reveal()).isEqualTo(AppEnv.LONG_CANARY);
    }

    @Test
    @EnvTest(dotEnv = "app.env", values = "LOG_LEVEL=warn")
    void four(AppEnv env) throws Exception {
      together.await(30, TimeUnit.SECONDS);
      assertThat(env.appUrl().getHost()).isEqualTo("from-dotenv.example");
      assertThat(env.poolMax()).isEqualTo(1);
      assertThat(env.logLevel()).isEqualTo("warn");
    }
  }

  @Test
  void concurrentTestsEachSeeOnlyTheirOwnValues() {
    ConcurrentTests.together = new CyclicBarrier(TESTS);

    EngineRun.run(ConcurrentTests.class, PARALLEL).testEvents().assertStatistics(stats -> stats.started(TESTS).succeeded(TESTS));
  }

  @Test
  void repeatedParallelRunsStayIsolated() {
    for (int run = 0; run < 5; run++) {
      ConcurrentTests.together = new CyclicBarrier(TESTS);

      EngineRun.run(ConcurrentTests.class, PARALLEL).testEvents().assertStatistics(stats -> stats.succeeded(TESTS));
    }
  }
}
