package dev.envelope.spring;

import dev.envelope.Env;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Splits Spring's property sources around the process environment, so that each keeps its rank in
 * both Spring's order and Envelope's: the sources Spring ranks above the environment (command-line
 * arguments, test properties, system properties) become explicit values, above Envelope's
 * environment layer; the sources it ranks below (config files, {@code spring.config.import}, {@code
 * @PropertySource}, default properties) become the first provider. The environment itself is read
 * by Envelope, with its {@code VAR_FILE} convention.
 */
final class SpringSources {
  /** A value found in Spring and where: the name Spring spelt it with, and its source. */
  /** How the sources above the environment are listed where a variable was looked for. */
  static final String VALUES_NAME = "command line and test or system properties";

  record Found(String value, String origin) {
    /** Returns the origin only: the value may be a secret. */
    @Override
    public String toString() {
      return "Found[" + origin + "]";
    }
  }

  private final Map<String, Found> aboveEnvironment;
  private final Map<String, Found> belowEnvironment;

  private SpringSources(Map<String, Found> aboveEnvironment, Map<String, Found> belowEnvironment) {
    this.aboveEnvironment = aboveEnvironment;
    this.belowEnvironment = belowEnvironment;
  }

  static SpringSources of(ConfigurableEnvironment environment) {
    Map<String, Found> above = new LinkedHashMap<>();
    Map<String, Found> below = new LinkedHashMap<>();
    Map<String, Found> into = above;
    for (PropertySource<?> source : environment.getPropertySources()) {
      if (StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME.equals(source.getName())) {
        into = below;
        continue;
      }
      if (!(source instanceof EnumerablePropertySource<?> enumerable)
          || ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)) {
        continue;
      }
      for (String name : enumerable.getPropertyNames()) {
        String variable = RelaxedNames.toVariable(name);
        if (variable == null || into.containsKey(variable)) {
          continue;
        }
        Object value = enumerable.getProperty(name);
        if (value == null) {
          continue;
        }
        String text = value.toString();
        // Spring expands ${...} in its own files; values a secret store imported are taken as they are.
        if (!(source instanceof EnvelopePropertySource)) {
          text = environment.resolvePlaceholders(text);
        }
        into.put(variable, new Found(text, origin(source, name)));
      }
    }
    return new SpringSources(above, below);
  }

  /** Adds the sources above the environment as explicit values, and those below as a provider. */
  void applyTo(Env.Builder builder) {
    builder.valuesName(VALUES_NAME);
    aboveEnvironment.forEach((name, found) -> builder.value(name, found.value(), found.origin()));
    if (!belowEnvironment.isEmpty()) {
      builder.provider(new SpringEnvironmentProvider(belowEnvironment));
    }
  }

  /**
   * Returns Spring's origin for the property where its source tracks one ({@code class path resource
   * [application.yml] - 3:8}), else the property's name and source ({@code app.url in
   * commandLineArgs}).
   */
  private static String origin(PropertySource<?> source, String name) {
    if (source instanceof OriginLookup<?>) {
      @SuppressWarnings("unchecked")
      Origin origin = ((OriginLookup<String>) source).getOrigin(name);
      if (origin != null) {
        return origin.toString();
      }
    }
    return name + " in " + source.getName();
  }
}
