package dev.envelope.benchmarks.spring;

import dev.envelope.benchmarks.coldstart.Fingerprint;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Loads the quickstart's schema with Spring Boot's {@code Binder} and validates it with Hibernate
 * Validator: the configuration-binding part of Spring Boot without an application context.
 *
 * <p>Spring Boot has no {@code .env} support of its own; the file is read as properties (what {@code
 * spring.config.import=optional:file:.env[.properties]} does) and laid under the process environment
 * in one environment-style source, so both get Spring's {@code DATABASE_POOL_MIN} to {@code
 * database.pool-min} mapping and real variables win.
 */
public final class SpringBinderMain {
  private SpringBinderMain() {}

  public static void main(String[] args) throws IOException {
    Map<String, Object> variables = new HashMap<>();
    FileSystemResource dotEnv = new FileSystemResource(".env");
    if (dotEnv.exists()) {
      PropertiesLoaderUtils.loadProperties(dotEnv).forEach((key, value) -> variables.put((String) key, value));
    }
    variables.putAll(System.getenv());
    SystemEnvironmentPropertySource source =
        new SystemEnvironmentPropertySource(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables);
    Binder binder = new Binder(ConfigurationPropertySources.from(source));
    AppEnvProperties env =
        binder.bindOrCreate("", Bindable.of(AppEnvProperties.class));

    Validator validator =
        Validation.byDefaultProvider()
            .configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory()
            .getValidator();
    Set<ConstraintViolation<AppEnvProperties>> violations = validator.validate(env);
    if (!violations.isEmpty()) {
      StringBuilder message = new StringBuilder("invalid environment:");
      for (ConstraintViolation<AppEnvProperties> violation : violations) {
        message.append("\n  ").append(violation.getPropertyPath()).append(": ").append(violation.getMessage());
      }
      throw new IllegalStateException(message.toString());
    }
    Fingerprint.print(
        env.appEnv(), env.appUrl(), env.apiUrl(),
        env.database().url(), env.database().poolMin(), env.database().poolMax(),
        env.cacheUrl(),
        env.jwt().secret(), env.jwt().expiresIn(), env.jwt().refreshExpiresIn(),
        env.smtp().host(), env.smtp().port(), env.smtp().user(), env.smtp().password(),
        env.s3().bucket(), env.s3().region(), env.s3().accessKeyId(), env.s3().secretAccessKey(),
        env.sentryDsn() == null ? "" : env.sentryDsn(),
        env.logLevel());
  }
}
