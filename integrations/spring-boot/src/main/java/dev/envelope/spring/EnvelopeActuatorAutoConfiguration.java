package dev.envelope.spring;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Adds the {@code envelope} endpoint and the masking of imported secrets when actuator is on the
 * class path; Boot's own exposure settings decide whether the endpoint is reachable.
 */
@AutoConfiguration
@ConditionalOnClass(Endpoint.class)
public class EnvelopeActuatorAutoConfiguration {
  /** Returns the {@code envelope} endpoint. */
  @Bean
  @ConditionalOnMissingBean
  EnvelopeEndpoint envelopeEndpoint(ObjectProvider<EnvelopeSchemas> schemas, ConfigurableEnvironment environment) {
    return new EnvelopeEndpoint(schemas, environment);
  }

  /** Returns the function that masks values imported from Envelope providers. */
  @Bean
  SanitizingFunction envelopeSanitizingFunction(ObjectProvider<EnvelopeSchemas> schemas) {
    return new EnvelopeSanitizingFunction(schemas);
  }
}
