package dev.envelope.spring;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The applications the tests start: real Spring Boot applications, no component scanning. */
final class Apps {
  private Apps() {}

  /** A non-web application that loads {@link ServiceEnv}. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  @EnableEnvelope(ServiceEnv.class)
  static class ServiceApp {}

  /** A non-web application that keeps {@link LiveMailEnv} current. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  @EnableEnvelope(value = LiveMailEnv.class, live = true)
  static class LiveApp {}

  /** The schema of {@link LiveApp}; names no test JVM's environment sets. */
  record LiveMailEnv(String liveMailHost, dev.envelope.Secret<String> liveMailPassword) {}

  /** An application without {@code @EnableEnvelope}: only {@code spring.config.import} is used. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class PlainApp {}

  /** Starts {@code application} without a web server, with {@code args} as its command line. */
  static ConfigurableApplicationContext run(Class<?> application, String... args) {
    return new SpringApplicationBuilder(application).web(WebApplicationType.NONE).run(args);
  }
}
