package dev.envelope.spring;

import dev.envelope.Env;
import dev.envelope.EnvException;
import dev.envelope.EnvLoader;
import dev.envelope.LiveEnv;
import dev.envelope.Problem;
import dev.envelope.Report;
import dev.envelope.Resolution;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Loads the schemas of a context with one {@link EnvLoader} built from Spring's {@code Environment},
 * and keeps each load's report for the actuator endpoint.
 */
final class EnvelopeSchemas {
  /** Where the {@code .env} files are read from, instead of the working directory. */
  static final String DIRECTORY_PROPERTY = "envelope.directory";
  /** How often a live schema is refreshed (a Spring duration: {@code 30s}, {@code 5m}). */
  static final String REFRESH_INTERVAL_PROPERTY = "envelope.refresh-interval";

  private final EnvLoader loader;
  /** A profile setting that is not a profile name: every load reports it, naming its schema. */
  private final List<Problem> profileProblems;
  private final Map<Class<?>, Report> reports = new LinkedHashMap<>();

  EnvelopeSchemas(ConfigurableEnvironment environment) {
    Env.Builder builder = Env.builder();
    SpringSources.of(environment).applyTo(builder);
    List<Problem> profileProblems = List.of();
    try {
      SpringProfile.choose(environment, "").ifPresent(builder::profile);
    } catch (EnvException e) {
      profileProblems = e.problems();
    }
    this.profileProblems = profileProblems;
    String directory = environment.getProperty(DIRECTORY_PROPERTY);
    if (directory != null && !directory.isBlank()) {
      builder.directory(Path.of(directory));
    }
    try {
      Duration interval = environment.getProperty(REFRESH_INTERVAL_PROPERTY, Duration.class);
      if (interval != null) {
        builder.refreshInterval(interval);
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(REFRESH_INTERVAL_PROPERTY + " is not a usable interval ('"
          + environment.getProperty(REFRESH_INTERVAL_PROPERTY) + "'): write a duration of at least 1 s, such as 30s or 5m", e);
    }
    this.loader = builder.build();
  }

  /**
   * Loads {@code schema} and keeps it current, as {@link #load} does once; the report the actuator
   * shows follows each change.
   */
  <T extends Record> LiveEnv<T> watch(Class<T> schema) {
    if (!profileProblems.isEmpty()) {
      throw new EnvException(schema.getSimpleName(), "unknown", profileProblems);
    }
    LiveEnv<T> env = loader.watch(schema);
    remember(schema, env.resolution().report());
    env.onChange(change -> remember(schema, env.resolution().report()));
    return env;
  }

  private void remember(Class<?> schema, Report report) {
    synchronized (reports) {
      reports.put(schema, report);
    }
  }

  /** Loads {@code schema}, or throws the {@code EnvException} the failure analyzer shows. */
  <T extends Record> T load(Class<T> schema) {
    if (!profileProblems.isEmpty()) {
      throw new EnvException(schema.getSimpleName(), "unknown", profileProblems);
    }
    Resolution<T> resolution = loader.resolve(schema);
    synchronized (reports) {
      reports.put(schema, resolution.report());
    }
    return resolution.value();
  }

  /** Returns whether a loaded schema declares {@code variable} as a {@code Secret}. */
  boolean isSecret(String variable) {
    for (Report report : reports()) {
      for (Report.Variable declared : report.variables()) {
        if (declared.secret() && declared.name().equals(variable)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Returns the report of every schema loaded so far, in the order loaded. */
  List<Report> reports() {
    synchronized (reports) {
      return new ArrayList<>(reports.values());
    }
  }
}
