package dev.envelope.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envelope.Profile;
import dev.envelope.Report;
import dev.envelope.junit.EnvAssertions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** The schema bean in a {@code @SpringBootTest}, fed by each of Spring's ways to set test values. */
@SpringBootTest(
    classes = Apps.ServiceApp.class,
    properties = {"spring.config.name=envelope-test", "app.url=https://from-spring-boot-test.example", "spring.profiles.active=test"})
@TestPropertySource(properties = {"worker-count=6", "shell.greeting=from a test property"})
class SpringBootTestSupportTest {
  @DynamicPropertySource
  static void secret(DynamicPropertyRegistry registry) {
    registry.add("jwt.secret", () -> ServiceEnv.JWT_SECRET);
  }

  @Autowired ServiceEnv env;
  @Autowired EnvelopeSchemas schemas;

  @Test
  void springBootTestPropertiesTestPropertySourceAndDynamicPropertiesReachTheSchema() {
    assertThat(env.appUrl()).isEqualTo("https://from-spring-boot-test.example");
    assertThat(env.workerCount()).isEqualTo(6);
    assertThat(env.jwtSecret().reveal()).isEqualTo(ServiceEnv.JWT_SECRET);
    assertThat(env.appEnv()).isEqualTo(Profile.TEST);
    Report report = schemas.reports().get(0);
    assertThat(EnableEnvelopeTest.origin(report, "APP_URL")).isEqualTo("app.url in Inlined Test Properties");
    assertThat(EnableEnvelopeTest.origin(report, "WORKER_COUNT")).isEqualTo("worker-count in Inlined Test Properties");
    assertThat(EnableEnvelopeTest.origin(report, "JWT_SECRET")).isEqualTo("jwt.secret in Dynamic Test Properties");
    assertThat(report.toString()).doesNotContain(ServiceEnv.JWT_SECRET);
  }

  @Test
  void testPropertiesBeatTheProcessEnvironment() {
    assertThat(env.shellGreeting()).contains("from a test property");
    assertThat(schemas.reports().get(0).variable("SHELL_GREETING").orElseThrow().shadowed())
        .containsExactly("environment", "class path resource [envelope-test.yml] - 5:13");
  }

  @Test
  void envelopeJunitChecksTheSameRecordWithoutSpring() {
    ServiceEnv production = EnvAssertions.assertLoads(ServiceEnv.class, "production",
        Map.of("APP_URL", "https://api.example", "JWT_SECRET", ServiceEnv.JWT_SECRET));

    assertThat(production.workerCount()).isEqualTo(4);
    assertThat(production.toString()).doesNotContain(ServiceEnv.JWT_SECRET);
  }
}
