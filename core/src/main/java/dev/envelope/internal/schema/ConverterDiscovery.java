package dev.envelope.internal.schema;

import dev.envelope.Converter;
import dev.envelope.Problem;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds the converters listed in {@code META-INF/services/dev.envelope.Converter}. One that cannot
 * be loaded or does not say its type is a {@code SCHEMA} problem, not an exception out of every load.
 */
public final class ConverterDiscovery {
  private ConverterDiscovery() {}

  public static Map<Class<?>, Converter<?>> discover(ClassLoader loader, List<Problem> problems) {
    Map<Class<?>, Converter<?>> converters = new LinkedHashMap<>();
    Iterator<Converter> found = ServiceLoader.load(Converter.class, loader).iterator();
    while (true) {
      Converter<?> converter;
      try {
        if (!found.hasNext()) {
          return converters;
        }
        converter = found.next();
        converters.putIfAbsent(converter.type(), converter);
      } catch (ServiceConfigurationError | RuntimeException e) {
        problems.add(new Problem("META-INF/services/dev.envelope.Converter", Problem.Kind.SCHEMA,
            "a listed converter cannot be used: " + e.getMessage(), "class path"));
      }
    }
  }
}
