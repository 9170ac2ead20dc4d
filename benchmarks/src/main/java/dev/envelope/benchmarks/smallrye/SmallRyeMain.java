package dev.envelope.benchmarks.smallrye;

import dev.envelope.benchmarks.coldstart.Fingerprint;
import dev.envelope.benchmarks.floor.ShortDuration;
import io.smallrye.config.DotEnvConfigSourceProvider;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.validator.BeanValidationConfigValidator;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Duration;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Loads the quickstart's schema as a SmallRye Config {@code @ConfigMapping}, validated by Hibernate
 * Validator through {@code smallrye-config-validator}, the way a standalone application sets it up:
 * default and discovered sources and converters, plus the {@code .env} file of the working directory.
 */
public final class SmallRyeMain {
  private SmallRyeMain() {}

  public static void main(String[] args) {
    Validator validator =
        Validation.byDefaultProvider()
            .configure()
            // No Expression Language on the class path, as in Envelope.
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory()
            .getValidator();
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .addDefaultInterceptors()
            .addDefaultSources()
            .addDiscoveredSources()
            .addDiscoveredConverters()
            .withSources(new DotEnvConfigSourceProvider())
            // SmallRye reads only ISO-8601 durations; 15m and 7d need a converter.
            .withConverter(Duration.class, 200, ShortDuration::parse)
            .withMapping(AppEnvMapping.class)
            .withValidator((BeanValidationConfigValidator) () -> validator)
            .build();
    AppEnvMapping env = config.getConfigMapping(AppEnvMapping.class);
    Fingerprint.print(
        env.appEnv(), env.appUrl(), env.apiUrl(),
        env.database().url(), env.database().poolMin(), env.database().poolMax(),
        env.cacheUrl(),
        env.jwt().secret(), env.jwt().expiresIn(), env.jwt().refreshExpiresIn(),
        env.smtp().host(), env.smtp().port(), env.smtp().user().orElse(null), env.smtp().password().orElse(null),
        env.s3().bucket(), env.s3().region(), env.s3().accessKeyId().orElse(null),
        env.s3().secretAccessKey().orElse(null),
        env.sentryDsn().isPresent() ? env.sentryDsn().get() : "",
        env.logLevel());
  }
}
