package dev.envelope.junit;

import dev.envelope.EnvException;
import dev.envelope.Report;
import dev.envelope.Resolution;
import java.io.UncheckedIOException;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves the parameters of {@link EnvTest} tests: a schema record, {@link Resolution}, {@link Report}
 * or {@link EnvException}. Registered by {@link EnvTest}; use it directly only with {@code
 * @ExtendWith} on a composed annotation.
 *
 * <p>Each test's load is kept in that test's own extension context store, so parameters of one test
 * share one load, and tests (also parallel ones) share nothing. The extension holds no state.
 */
public final class EnvExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(EnvExtension.class);

  /** Creates the extension; JUnit does this. */
  public EnvExtension() {}

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    Class<?> type = parameterContext.getParameter().getType();
    if (type == Resolution.class || type == Report.class || type == EnvException.class) {
      return true;
    }
    if (!type.isRecord()) {
      return false;
    }
    Optional<Class<? extends Record>> declared = EnvTestSettings.of(extensionContext).declaredSchema();
    return declared.isEmpty() || declared.get() == type;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    EnvTestSettings settings = EnvTestSettings.of(extensionContext);
    Parameter parameter = parameterContext.getParameter();
    Class<? extends Record> schema = schema(parameter, parameterContext, settings);
    Outcome outcome =
        extensionContext
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent(schema, key -> load(schema, settings), Outcome.class);
    Class<?> type = parameter.getType();
    if (type == EnvException.class) {
      if (outcome.failure() != null) {
        return outcome.failure();
      }
      throw new ParameterResolutionException(
          "Expected " + schema.getSimpleName() + " to fail to load for " + parameter.getName()
              + ", but it loaded:\n" + outcome.resolution().report());
    }
    if (outcome.failure() != null) {
      throw new ParameterResolutionException(
          "Envelope could not load " + schema.getSimpleName() + " for parameter " + parameter.getName()
              + " (ask for an EnvException parameter to test a failing load):\n" + outcome.failure().getMessage(),
          outcome.failure());
    }
    if (type == Resolution.class) {
      return outcome.resolution();
    }
    if (type == Report.class) {
      return outcome.resolution().report();
    }
    return outcome.resolution().value();
  }

  /** The result of one load: a resolution or the failure. */
  private record Outcome(Resolution<?> resolution, EnvException failure) {}

  private static Outcome load(Class<? extends Record> schema, EnvTestSettings settings) {
    EnvInput input;
    try {
      input = settings.input();
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw new ParameterResolutionException("Invalid @EnvTest: " + e.getMessage(), e);
    }
    try {
      return new Outcome(HermeticLoad.resolve(schema, input), null);
    } catch (EnvException e) {
      return new Outcome(null, e);
    }
  }

  /**
   * Returns the schema a parameter stands for: the record's own type, the type argument of {@code
   * Resolution<T>}, {@link EnvTest#schema()}, or the record another parameter of the method names.
   */
  private static Class<? extends Record> schema(Parameter parameter, ParameterContext context, EnvTestSettings settings) {
    Class<? extends Record> own = schemaOf(parameter);
    if (own != null) {
      return own;
    }
    if (settings.declaredSchema().isPresent()) {
      return settings.declaredSchema().get();
    }
    for (Parameter other : context.getDeclaringExecutable().getParameters()) {
      Class<? extends Record> named = schemaOf(other);
      if (named != null) {
        return named;
      }
    }
    throw new ParameterResolutionException(
        "@EnvTest cannot tell which schema to load for parameter " + parameter.getName() + " of type "
            + parameter.getType().getSimpleName() + ": declare it with @EnvTest(schema = YourEnv.class)");
  }

  @SuppressWarnings("unchecked")
  private static Class<? extends Record> schemaOf(Parameter parameter) {
    Class<?> type = parameter.getType();
    if (type.isRecord()) {
      return (Class<? extends Record>) type;
    }
    if (type == Resolution.class && parameter.getParameterizedType() instanceof ParameterizedType generic) {
      Type argument = generic.getActualTypeArguments()[0];
      if (argument instanceof Class<?> c && c.isRecord()) {
        return (Class<? extends Record>) c;
      }
    }
    return null;
  }
}
