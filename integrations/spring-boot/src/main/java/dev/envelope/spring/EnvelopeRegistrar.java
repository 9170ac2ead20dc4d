package dev.envelope.spring;

import dev.envelope.LiveEnv;
import java.util.Map;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.ResolvableType;
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
    boolean live = Boolean.TRUE.equals(attributes.get("live"));
    for (Class<?> type : (Class<?>[]) attributes.get("value")) {
      if (registry.containsBeanDefinition(type.getName())) {
        continue;
      }
      if (live) {
        registry.registerBeanDefinition(liveName(type), liveBean(type.asSubclass(Record.class), beans));
        registry.registerBeanDefinition(type.getName(), liveSchemaBean(type.asSubclass(Record.class), beans));
      } else {
        registry.registerBeanDefinition(type.getName(), schemaBean(type.asSubclass(Record.class), beans));
      }
    }
  }

  static String liveName(Class<?> type) {
    return LiveEnv.class.getName() + "#" + type.getName();
  }

  /** A {@code LiveEnv<T>} bean, closed with the context. */
  private static <T extends Record> BeanDefinition liveBean(Class<T> type, BeanFactory beans) {
    RootBeanDefinition definition = new RootBeanDefinition(LiveEnv.class);
    definition.setTargetType(ResolvableType.forClassWithGenerics(LiveEnv.class, type));
    definition.setInstanceSupplier(() -> beans.getBean(SCHEMAS_BEAN, EnvelopeSchemas.class).watch(type));
    definition.setDependsOn(SCHEMAS_BEAN);
    definition.setDestroyMethodName("close");
    return definition;
  }

  /** The record bean of a live schema: its value when the context started. */
  private static <T extends Record> BeanDefinition liveSchemaBean(Class<T> type, BeanFactory beans) {
    return BeanDefinitionBuilder.genericBeanDefinition(type, () -> type.cast(beans.getBean(liveName(type), LiveEnv.class).get()))
        .addDependsOn(liveName(type))
        .getBeanDefinition();
  }

  private static <T extends Record> BeanDefinition schemaBean(
      Class<T> type, BeanFactory beans) {
    return BeanDefinitionBuilder.genericBeanDefinition(type, () -> beans.getBean(SCHEMAS_BEAN, EnvelopeSchemas.class).load(type))
        .addDependsOn(SCHEMAS_BEAN)
        .getBeanDefinition();
  }
}
