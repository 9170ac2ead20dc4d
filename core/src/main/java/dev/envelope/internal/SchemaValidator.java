package dev.envelope.internal;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Bootstraps Hibernate Validator for a schema, once and lazily, on a background thread so that its
 * cost (the largest of a cold start) overlaps reading files and fetching providers.
 */
public final class SchemaValidator {
  private static volatile ValidatorFactory shared;

  /**
   * Hibernate Validator announces its version at INFO on every start, through JBoss Logging, which
   * falls back to java.util.logging. Kept here so the level set on it is not lost to garbage
   * collection; a level the application set itself is left alone.
   */
  private static final java.util.logging.Logger VERSION_BANNER =
      java.util.logging.Logger.getLogger("org.hibernate.validator.internal.util.Version");

  private final CompletableFuture<Validator> validator;

  private SchemaValidator(CompletableFuture<Validator> validator) {
    this.validator = validator;
  }

  /** Starts bootstrapping the validator in the background; returns at once. */
  public static SchemaValidator start(Set<Class<?>> constrainedClasses) {
    ValidatorFactory factory = shared;
    if (factory != null) {
      return new SchemaValidator(CompletableFuture.completedFuture(factory.getValidator()));
    }
    CompletableFuture<Validator> future = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                future.complete(factory().getValidator());
              } catch (Throwable e) {
                future.completeExceptionally(e);
              }
            },
            "envelope-validator-bootstrap");
    thread.setDaemon(true);
    thread.start();
    return new SchemaValidator(future);
  }

  private static synchronized ValidatorFactory factory() {
    if (shared == null) {
      if (VERSION_BANNER.getLevel() == null) {
        VERSION_BANNER.setLevel(java.util.logging.Level.WARNING);
      }
      shared =
          Validation.byProvider(HibernateValidator.class)
              .providerResolver(() -> List.of(new HibernateValidator()))
              .configure()
              .ignoreXmlConfiguration()
              .messageInterpolator(new ParameterMessageInterpolator())
              .addValueExtractor(new SecretValueExtractor())
              .buildValidatorFactory();
    }
    return shared;
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
