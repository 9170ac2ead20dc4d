package dev.envelope.junit;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The merged {@link EnvTest} settings of one test: from the outermost enclosing class to the test
 * class, then the method, later ones replacing the profile, {@code .env} resource and schema, and
 * adding values.
 */
record EnvTestSettings(String profile, Map<String, String> values, String dotEnv, Class<? extends Record> schema, Class<?> anchor) {

  static EnvTestSettings of(ExtensionContext context) {
    Deque<AnnotatedElement> levels = new ArrayDeque<>();
    Class<?> testClass = context.getRequiredTestClass();
    for (Class<?> type = testClass; type != null; type = enclosingOfInner(type)) {
      levels.addFirst(type);
    }
    context.getTestMethod().ifPresent(levels::addLast);
    String profile = "";
    Map<String, String> values = new LinkedHashMap<>();
    String dotEnv = "";
    Class<? extends Record> schema = Record.class;
    for (AnnotatedElement level : levels) {
      Optional<EnvTest> annotation = AnnotationSupport.findAnnotation(level, EnvTest.class);
      if (annotation.isEmpty()) {
        continue;
      }
      EnvTest settings = annotation.get();
      if (!settings.profile().isBlank()) {
        profile = settings.profile();
      }
      try {
        values.putAll(Assignments.parse(settings.values()));
      } catch (IllegalArgumentException e) {
        throw new ExtensionConfigurationException("Invalid @EnvTest on " + describe(level) + ": " + e.getMessage());
      }
      if (!settings.dotEnv().isBlank()) {
        dotEnv = settings.dotEnv();
      }
      if (settings.schema() != Record.class) {
        schema = settings.schema();
      }
    }
    return new EnvTestSettings(profile, Map.copyOf(values), dotEnv, schema, testClass);
  }

  /** Returns the input these settings describe. */
  EnvInput input() {
    EnvInput input = profile.isEmpty() ? EnvInput.noProfile() : EnvInput.profile(profile);
    input = input.values(values);
    return dotEnv.isEmpty() ? input : input.dotEnvResource(anchor, dotEnv);
  }

  /** Returns the schema named by {@link EnvTest#schema()}, if any. */
  Optional<Class<? extends Record>> declaredSchema() {
    return schema == Record.class ? Optional.empty() : Optional.of(schema);
  }

  private static String describe(AnnotatedElement level) {
    return level instanceof Method method
        ? method.getDeclaringClass().getSimpleName() + "." + method.getName()
        : ((Class<?>) level).getSimpleName();
  }

  /** Returns the enclosing class of a {@code @Nested} (non-static) class, else null. */
  private static Class<?> enclosingOfInner(Class<?> type) {
    boolean inner = type.getEnclosingClass() != null && !Modifier.isStatic(type.getModifiers());
    return inner ? type.getEnclosingClass() : null;
  }

  /** Never shows the values, which may be secrets. */
  @Override
  public String toString() {
    return "EnvTestSettings[profile=" + profile + ", values for " + values.keySet() + ", dotEnv=" + dotEnv + "]";
  }
}
