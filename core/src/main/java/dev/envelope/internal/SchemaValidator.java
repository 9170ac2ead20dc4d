package dev.envelope.internal;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hibernate.validator.PredefinedScopeHibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Bootstraps Hibernate Validator for a schema: once per schema, only for the constraints and record
 * classes it uses (the predefined-scope bootstrap), and on a background thread so that its cost, the
 * largest of a cold start, overlaps reading files and fetching providers.
 */
public final class SchemaValidator {
  /**
   * Hibernate Validator announces its version at INFO on every start, through JBoss Logging, which
   * falls back to java.util.logging. Kept here so the level set on it is not lost to garbage
   * collection; a level the application set itself is left alone.
   */
  private static final Logger VERSION_BANNER = Logger.getLogger("org.hibernate.validator.internal.util.Version");

  private static final Map<Set<Class<?>>, CompletableFuture<Validator>> VALIDATORS = new ConcurrentHashMap<>();

  private final CompletableFuture<Validator> validator;

  private SchemaValidator(CompletableFuture<Validator> validator) {
    this.validator = validator;
  }

  /**
   * Starts bootstrapping the validator for {@code classes} in the background, unless it was built
   * already; returns at once.
   *
   * @param classes every record class that will be validated
   * @param constraints the type names of the constraints they use
   */
  public static SchemaValidator start(Set<Class<?>> classes, Set<String> constraints) {
    Set<Class<?>> key = Set.copyOf(classes);
    CompletableFuture<Validator> existing = VALIDATORS.get(key);
    if (existing != null && !existing.isCompletedExceptionally()) {
      return new SchemaValidator(existing);
    }
    CompletableFuture<Validator> future = new CompletableFuture<>();
    VALIDATORS.put(key, future);
    Thread thread =
        new Thread(
            () -> {
              try {
                future.complete(factory(key, Set.copyOf(constraints)).getValidator());
              } catch (Throwable e) {
                future.completeExceptionally(e);
              }
            },
            "envelope-validator-bootstrap");
    thread.setDaemon(true);
    thread.start();
    return new SchemaValidator(future);
  }

  private static ValidatorFactory factory(Set<Class<?>> classes, Set<String> constraints) {
    synchronized (VERSION_BANNER) {
      if (VERSION_BANNER.getLevel() == null) {
        VERSION_BANNER.setLevel(Level.WARNING);
      }
    }
    return Validation.byProvider(PredefinedScopeHibernateValidator.class)
        .providerResolver(() -> List.of(new PredefinedScopeHibernateValidator()))
        .configure()
        .ignoreXmlConfiguration()
        .messageInterpolator(new ParameterMessageInterpolator())
        .addValueExtractor(new SecretValueExtractor())
        .addValueExtractor(new OptionalValueExtractor())
        .builtinConstraints(constraints)
        .initializeBeanMetaData(classes)
        .buildValidatorFactory();
  }

  /** Returns the violations of {@code value}'s own constraints (not cascaded into nested records). */
  public Set<ConstraintViolation<Object>> validate(Object value) {
    return validator().validate(value);
  }

  /** Returns the violations of {@code value} against the constraints of {@code type}'s property. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Set<ConstraintViolation<Object>> validateValue(Class<?> type, String property, Object value) {
    return (Set) validator().validateValue(type, property, value);
  }

  private Validator validator() {
    try {
      return validator.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the validator", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Hibernate Validator failed to start: " + e.getCause(), e.getCause());
    }
  }
}
