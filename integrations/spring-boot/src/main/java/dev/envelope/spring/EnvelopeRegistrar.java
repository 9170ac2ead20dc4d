package dev.envelope.spring;

import java.util.Map;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers the schemas of an {@link EnableEnvelope} as beans, and once per context the {@link
 * EnvelopeSchemas} that loads them all with one loader.
 */
final class EnvelopeRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware {
  static final String SCHEMAS_BEAN = "dev.envelope.spring.EnvelopeSchemas";

  private ConfigurableEnvironment environment;

  @Override
  public void setEnvironment(Environment environment) {
    this.environment = (ConfigurableEnvironment) environment;
  }

  @Override
  public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
    Map<String, Object> attributes = metadata.getAnnotationAttributes(EnableEnvelope.class.getName());
    if (attributes == null) {
      return;
    }
    if (!registry.containsBeanDefinition(SCHEMAS_BEAN)) {
      ConfigurableEnvironment environment = this.environment;
      registry.registerBeanDefinition(
          SCHEMAS_BEAN,
          BeanDefinitionBuilder.genericBeanDefinition(EnvelopeSchemas.class, () -> new EnvelopeSchemas(environment))
              .getBeanDefinition());
    }
    BeanFactory beans = (BeanFactory) registry;
    for (Class<?> type : (Class<?>[]) attributes.get("value")) {
      if (!registry.containsBeanDefinition(type.getName())) {
        registry.registerBeanDefinition(type.getName(), schemaBean(type.asSubclass(Record.class), beans));
      }
    }
  }

  private static <T extends Record> org.springframework.beans.factory.config.BeanDefinition schemaBean(
      Class<T> type, BeanFactory beans) {
    return BeanDefinitionBuilder.genericBeanDefinition(type, () -> beans.getBean(SCHEMAS_BEAN, EnvelopeSchemas.class).load(type))
        .addDependsOn(SCHEMAS_BEAN)
        .getBeanDefinition();
  }
}
