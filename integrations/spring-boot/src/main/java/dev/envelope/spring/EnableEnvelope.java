package dev.envelope.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;

/**
 * Registers each schema record as a bean, loaded by Envelope when the context starts.
 *
 * <p>Put it on a configuration class, as {@code @EnableConfigurationProperties}: {@code
 * @EnableEnvelope(AppEnv.class)}. Values come from Envelope's usual sources and from Spring's
 * {@code Environment} (command-line arguments, test properties, {@code application.yml}, {@code
 * application-{profile}.yml}, {@code spring.config.import}), with Spring's relaxed names: {@code
 * app.url} sets {@code APP_URL}. A schema that does not load stops the start with Envelope's problem
 * table. See {@code docs/spring-boot.md} for the precedence and the choice of profile.
 *
 * <p>With {@code live = true}, each schema also gets a {@code LiveEnv<Schema>} bean that keeps it
 * current ({@code EnvLoader.watch}): inject that to follow rotated secrets ({@code get()}, {@code
 * onChange}); the record bean is the value at start-up. The context's close stops the watch.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(EnvelopeRegistrar.class)
public @interface EnableEnvelope {
  /** Returns the schema records to load, each registered as a bean of its own type. */
  Class<? extends Record>[] value();

  /**
   * Returns whether each schema is kept current by a {@code LiveEnv<Schema>} bean, refreshed every
   * {@code envelope.refresh-interval} (default 1 minute) and when a provider signals a change.
   */
  boolean live() default false;
}
