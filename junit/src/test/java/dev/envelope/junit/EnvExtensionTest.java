package dev.envelope.junit;

import static dev.envelope.junit.AppEnv.LONG_CANARY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.envelope.Report;
import dev.envelope.Resolution;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.testkit.engine.EngineExecutionResults;

class EnvExtensionTest {
  @ExtendWith(OnlyInTestKit.class)
  @EnvTest(profile = "test", values = "APP_URL=https://class.example")
  static class InjectsEveryKind {
    @Test
    void record(AppEnv env) {
      assertThat(env.appUrl().getHost()).isEqualTo("class.example");
    }

    @Test
    void resolution(Resolution<AppEnv> resolution) {
      assertThat(resolution.value().poolMax()).isEqualTo(10);
    }

    @Test
    void reportAndRecordShareOneLoad(AppEnv env, Report report) {
      assertThat(report.schema()).isEqualTo("AppEnv");
      assertThat(report.variable("APP_URL").orElseThrow().origin()).isEqualTo("environment");
      assertThat(env.appUrl().getHost()).isEqualTo("class.example");
    }

    @Test
    void realEnvironmentIsNotRead(AppEnv env) {
      assertThat(env.path()).isEmpty();
    }
  }

  @Test
  void injectsTheRecordItsResolutionAndReport() {
    EngineRun.run(InjectsEveryKind.class).testEvents().assertStatistics(stats -> stats.started(4).succeeded(4));
  }

  @ExtendWith(OnlyInTestKit.class)
  @EnvTest(profile = "test", values = {"APP_URL=https://class.example", "POOL_MAX=20"})
  static class MethodOverridesClass {
    @Test
    @EnvTest(profile = "production", values = {"POOL_MAX=30", "JWT_SECRET=" + LONG_CANARY})
    void methodProfileAndValuesWin(AppEnv env, Report report) {
      assertThat(report.profile().name()).isEqualTo("production");
      assertThat(env.poolMax()).isEqualTo(30);
      assertThat(env.appUrl().getHost()).isEqualTo("class.example");
    }

    @Test
    void classSettingsAloneOtherwise(AppEnv env, Report report) {
      assertThat(report.profile().name()).isEqualTo("test");
      assertThat(env.poolMax()).isEqualTo(20);
    }

    @Nested
    @EnvTest(values = "LOG_LEVEL=debug")
    class NestedAddsToEnclosing {
      @Test
      void seesBoth(AppEnv env) {
        assertThat(env.logLevel()).isEqualTo("debug");
        assertThat(env.poolMax()).isEqualTo(20);
      }
    }
  }

  @Test
  void methodSettingsOverrideClassSettingsAndNestedClassesInherit() {
    EngineRun.run(MethodOverridesClass.class).testEvents().assertStatistics(stats -> stats.started(3).succeeded(3));
  }

  @ExtendWith(OnlyInTestKit.class)
  @EnvTest(profile = "test", values = "APP_URL=https://class.example")
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class NothingLeaks {
    @Test
    @Order(1)
    @EnvTest(values = "POOL_MAX=99")
    void first(AppEnv env) {
      assertThat(env.poolMax()).isEqualTo(99);
    }

    @Test
    @Order(2)
    void second(AppEnv env) {
      assertThat(env.poolMax()).isEqualTo(10);
    }
  }

  @Test
  void valuesOfOneTestDoNotLeakIntoTheNext() {
    EngineRun.run(NothingLeaks.class).testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
  }

  @ExtendWith(OnlyInTestKit.class)
  @EnvTest(profile = "test", dotEnv = "app.env")
  static class ReadsDotEnvResource {
    @Test
    void fromTheResource(AppEnv env) {
      assertThat(env.appUrl().getHost()).isEqualTo("from-dotenv.example");
      assertThat(env.poolMax()).isEqualTo(20);
    }

    @Test
    @EnvTest(dotEnv = "/dev/envelope/junit/missing.env")
    void missingResource(AppEnv env) {}

    @Test
    @EnvTest(values = "NO_EQUALS_SIGN")
    void malformedValue(AppEnv env) {}
  }

  @Test
  void dotEnvResourcesAreReadAndMistakesInTheAnnotationAreNamed() {
    EngineExecutionResults results = EngineRun.run(ReadsDotEnvResource.class);

    results.testEvents().assertStatistics(stats -> stats.started(3).succeeded(1).failed(2));
    List<String> messages = EngineRun.failures(results).stream().map(Throwable::getMessage).sorted().toList();
    assertThat(messages.get(0)).contains("Invalid @EnvTest on ReadsDotEnvResource.malformedValue: a value must be written NAME=value");
    assertThat(messages.get(1)).contains("Invalid @EnvTest: no .env resource '/dev/envelope/junit/missing.env'");
  }

  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.TYPE)
  @EnvTest(profile = "production", values = {"APP_URL=https://composed.example", "JWT_SECRET=" + LONG_CANARY})
  @interface ProductionEnv {}

  @ExtendWith(OnlyInTestKit.class)
  @ProductionEnv
  static class UsesComposedAnnotation {
    @Test
    void seesTheComposedSettings(AppEnv env, Report report) {
      assertThat(report.profile().name()).isEqualTo("production");
      assertThat(env.appUrl().getHost()).isEqualTo("composed.example");
    }
  }

  @Test
  void worksAsAMetaAnnotation() {
    EngineRun.run(UsesComposedAnnotation.class).testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
  }

  record Point(int x, int y) {}

  /** Another extension's record parameter, which {@code @EnvTest(schema = ...)} must leave alone. */
  static final class PointResolver implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == Point.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return new Point(1, 2);
    }
  }

  @ExtendWith({OnlyInTestKit.class, PointResolver.class})
  @EnvTest(schema = AppEnv.class, profile = "test", values = "APP_URL=https://shop.example")
  static class OtherRecordParameters {
    @Test
    void bothResolved(AppEnv env, Point point) {
      assertThat(point).isEqualTo(new Point(1, 2));
      assertThat(env.appUrl().getHost()).isEqualTo("shop.example");
    }
  }

  @Test
  void aDeclaredSchemaLeavesOtherRecordParametersToOtherResolvers() {
    EngineRun.run(OtherRecordParameters.class).testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
  }
}
