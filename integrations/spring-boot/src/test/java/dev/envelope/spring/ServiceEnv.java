package dev.envelope.spring;

import dev.envelope.Default;
import dev.envelope.Profile;
import dev.envelope.Secret;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.Optional;
import org.hibernate.validator.constraints.URL;

/** The schema the tests load through Spring: one value of each kind of source. */
record ServiceEnv(
    Profile appEnv,
    @URL String appUrl,
    @Min(1) @Default("4") int workerCount,
    @Size(min = 32) Secret<String> jwtSecret,
    Optional<String> shellGreeting) {

  /** A secret that must never appear in output: 40 characters, so it passes {@code @Size(min = 32)}. */
  static final String JWT_SECRET = "jwtcanary-0123456789-abcdefghij-klmnopqr";
}
