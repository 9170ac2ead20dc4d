package dev.envelope.examples.spring;

import dev.envelope.spring.EnableEnvelope;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A web service whose environment is a {@link ServiceEnv} bean. */
@SpringBootApplication
@EnableEnvelope(ServiceEnv.class)
@RestController
public class GreetingService {
  private final ServiceEnv env;

  GreetingService(ServiceEnv env) {
    this.env = env;
  }

  /** Starts the service: {@code SPRING_PROFILES_ACTIVE=prod} reads Doppler, otherwise {@code .env}. */
  public static void main(String[] args) {
    SpringApplication.run(GreetingService.class, args);
  }

  /** Returns the greeting; the key is used, never shown. */
  @GetMapping("/")
  String greet() {
    return env.greeting() + " from " + env.appUrl() + " (" + env.appEnv() + ", key of "
        + env.apiKey().reveal().length() + " characters)\n";
  }
}
