package dev.envelope.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envelope.Profile;
import dev.envelope.Report;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts real applications with {@code @EnableEnvelope} and checks where each value came from.
 * Surefire sets {@code SHELL_GREETING} in the test JVM's environment and removes the schema's other
 * variables, so the process environment is known.
 */
@ExtendWith(OutputCaptureExtension.class)
class EnableEnvelopeTest {
  private static final String YML = "class path resource [envelope-test.yml]";

  @Test
  void schemaBeanTakesSpringValuesByRelaxedNames(CapturedOutput output) {
    try (ConfigurableApplicationContext context =
        Apps.run(Apps.ServiceApp.class, "--spring.config.name=envelope-test", "--jwt.secret=" + ServiceEnv.JWT_SECRET)) {
      ServiceEnv env = context.getBean(ServiceEnv.class);

      assertThat(env.appUrl()).isEqualTo("https://from-application-yml.example");
      assertThat(env.workerCount()).isEqualTo(3);
      assertThat(env.jwtSecret().reveal()).isEqualTo(ServiceEnv.JWT_SECRET);
      assertThat(env.appEnv()).isEqualTo(Profile.DEVELOPMENT);
      Report report = report(context);
      assertThat(origin(report, "APP_URL")).isEqualTo(YML + " - 2:8");
      assertThat(origin(report, "WORKER_COUNT")).isEqualTo(YML + " - 3:15");
      assertThat(origin(report, "JWT_SECRET")).isEqualTo("jwt.secret in commandLineArgs");
      assertThat(report.variable("JWT_SECRET").orElseThrow().value()).isEqualTo("****");
    }
    assertThat(output.getAll()).doesNotContain(ServiceEnv.JWT_SECRET).doesNotContain("jwtcanary");
  }

  @Test
  void processEnvironmentBeatsApplicationYml() {
    try (ConfigurableApplicationContext context = Apps.run(Apps.ServiceApp.class, "--spring.config.name=envelope-test", "--jwt.secret=" + ServiceEnv.JWT_SECRET)) {
      assertThat(context.getBean(ServiceEnv.class).shellGreeting()).contains("from the environment");
      Report.Variable greeting = report(context).variable("SHELL_GREETING").orElseThrow();
      assertThat(greeting.origin()).isEqualTo("environment");
      assertThat(greeting.shadowed()).containsExactly(YML + " - 5:13");
    }
  }

  @Test
  void commandLineBeatsProcessEnvironment() {
    try (ConfigurableApplicationContext context =
        Apps.run(Apps.ServiceApp.class, "--spring.config.name=envelope-test", "--jwt.secret=" + ServiceEnv.JWT_SECRET, "--shell.greeting=from the command line")) {
      assertThat(context.getBean(ServiceEnv.class).shellGreeting()).contains("from the command line");
      assertThat(report(context).variable("SHELL_GREETING").orElseThrow().shadowed())
          .containsExactly("environment", YML + " - 5:13");
    }
  }

  @Test
  void envelopeProfileFollowsTheFirstActiveSpringProfileThatIsAnEnvelopeProfile() {
    try (ConfigurableApplicationContext context =
        Apps.run(Apps.ServiceApp.class, "--spring.config.name=envelope-test", "--spring.profiles.active=cloud,prod,staging", "--jwt.secret=" + ServiceEnv.JWT_SECRET)) {
      ServiceEnv env = context.getBean(ServiceEnv.class);

      assertThat(env.appEnv()).isEqualTo(Profile.PRODUCTION);
      assertThat(env.appUrl()).isEqualTo("https://prod-from-profile-yml.example");
      assertThat(origin(report(context), "APP_URL")).isEqualTo("class path resource [envelope-test-prod.yml] - 2:8");
    }
  }

  @Test
  void envelopeProfilePropertyOverridesSpringProfiles() {
    try (ConfigurableApplicationContext context =
        Apps.run(Apps.ServiceApp.class, "--spring.config.name=envelope-test", "--spring.profiles.active=prod", "--envelope.profile=stage", "--jwt.secret=" + ServiceEnv.JWT_SECRET)) {
      assertThat(context.getBean(ServiceEnv.class).appEnv()).isEqualTo(Profile.STAGING);
    }
  }

  @Test
  void appEnvPropertyOverridesSpringProfiles() {
    try (ConfigurableApplicationContext context =
        Apps.run(Apps.ServiceApp.class, "--spring.config.name=envelope-test", "--spring.profiles.active=prod", "--app.env=test", "--jwt.secret=" + ServiceEnv.JWT_SECRET)) {
      assertThat(context.getBean(ServiceEnv.class).appEnv()).isEqualTo(Profile.TEST);
    }
  }

  @Test
  void customSpringProfilesLeaveTheDefaultProfile() {
    try (ConfigurableApplicationContext context =
        Apps.run(Apps.ServiceApp.class, "--spring.config.name=envelope-test", "--spring.profiles.active=cloud,eu-west", "--jwt.secret=" + ServiceEnv.JWT_SECRET)) {
      assertThat(context.getBean(ServiceEnv.class).appEnv()).isEqualTo(Profile.DEVELOPMENT);
    }
  }

  static Report report(ConfigurableApplicationContext context) {
    return context.getBean(EnvelopeSchemas.class).reports().get(0);
  }

  static String origin(Report report, String variable) {
    return report.variable(variable).orElseThrow().origin();
  }
}
