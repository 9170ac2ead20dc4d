package dev.envelope.internal.startup;

import dev.envelope.Converter;
import dev.envelope.Problem;
import dev.envelope.internal.schema.Schema;
import dev.envelope.internal.validate.ConstraintEngine;
import dev.envelope.internal.validate.SchemaValidator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Schedules the work of a load that is there for start-up speed, so that the load itself reads as
 * its stages: the class-path search for converters, message bundles and URL handlers runs on a
 * thread of its own while the schema, the profile and the {@code .env} files are read, and the
 * constraint engine is chosen once the search is done. Nothing here changes a result: without it a
 * load would find the same converters and validate the same way, only later. One per load.
 *
 * <p>Hibernate Validator, when a schema needs it, bootstraps when the load validates, on the loading
 * thread. Starting it on a thread of its own right after the schema was read was weighed and
 * removed: on two cores its bootstrap competed with the load for them and the load took 28 to 43 ms
 * longer (docs/performance.md).
 */
public final class Startup {
  private final Class<?> type;
  private final Map<Class<?>, Converter<?>> converters;
  private final ClassPathScan scan;
  private Schema schema;
  private final List<Problem> problems = new ArrayList<>();
  private boolean finished;

  private Startup(Class<?> type, Map<Class<?>, Converter<?>> converters, ClassPathScan scan) {
    this.type = type;
    this.converters = converters;
    this.scan = scan;
    // Read assuming the scan finds no converter: it rarely does, and the schema is needed at once.
    this.schema = Schema.of(type, converters);
  }

  /** Starts the class-path search and reads {@code type}'s schema beside it. */
  public static Startup begin(Class<?> type, Map<Class<?>, Converter<?>> converters, ClassLoader loader) {
    return new Startup(type, converters, ClassPathScan.start(loader));
  }

  /**
   * Returns the schema, read again with any converter the class-path search found (one may turn a
   * record type into a single value); waits for the search.
   */
  public Schema schema() {
    if (!finished) {
      finished = true;
      scan.finish();
      problems.addAll(scan.problems());
      if (!scan.converters().isEmpty()) {
        Map<Class<?>, Converter<?>> all = new LinkedHashMap<>(scan.converters());
        all.putAll(converters);
        schema = Schema.of(type, all);
      }
      problems.addAll(schema.problems());
    }
    return schema;
  }

  /** Returns the problems of the schema and of the converters found; call after {@link #schema()}. */
  public List<Problem> problems() {
    return problems;
  }

  /** Returns the engine that evaluates the schema's constraints; call after {@link #schema()}. */
  public ConstraintEngine constraints() {
    if (!schema.problems().isEmpty() || schema.constrainedClasses().isEmpty()) {
      return ConstraintEngine.NONE;
    }
    // Hibernate Validator for constraints Envelope does not evaluate itself, for any constraint when
    // the application brings its own messages, and on the module path, where Hibernate Validator's
    // message bundle, which the built-in evaluator reads, is encapsulated in its module.
    return schema.needsValidator() || scan.applicationMessages() || Startup.class.getModule().isNamed()
        ? ConstraintEngine.hibernate(SchemaValidator.of(type, schema.constrainedClasses(), schema.constraintNames()))
        : ConstraintEngine.builtin(scan.jdkUrlHandlers());
  }
}
