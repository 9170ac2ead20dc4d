package dev.envelope.internal.validate;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.MessageInterpolator;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hibernate.validator.PredefinedScopeHibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Bootstraps Hibernate Validator for a schema: once per schema, only for the constraints and record
 * classes it uses (the predefined-scope bootstrap). {@link dev.envelope.internal.startup.Startup}
 * decides when, and on which thread.
 */
public final class SchemaValidator {
  /**
   * Hibernate Validator announces its version at INFO on every start, through JBoss Logging, which
   * falls back to java.util.logging. Kept here so the level set on it is not lost to garbage
   * collection; a level the application set itself is left alone.
   */
  private static final Logger VERSION_BANNER = Logger.getLogger("org.hibernate.validator.internal.util.Version");

  /**
   * One validator per schema class. A ClassValue rather than a static map, so that a schema's class
   * loader (a redeployed application, a dev-mode reload) is not kept alive by Envelope.
   */
  private static final ClassValue<AtomicReference<CompletableFuture<Validator>>> VALIDATORS =
      new ClassValue<>() {
        @Override
        protected AtomicReference<CompletableFuture<Validator>> computeValue(Class<?> schema) {
          return new AtomicReference<>();
        }
      };

  private final CompletableFuture<Validator> validator;

  private SchemaValidator(CompletableFuture<Validator> validator) {
    this.validator = validator;
  }

  /**
   * Starts bootstrapping the validator for {@code schema} in the background, unless it was started
   * already; returns at once.
   *
   * @param schema the root record class
   * @param classes every record class that will be validated
   * @param constraints the type names of the constraints they use
   */
  public static SchemaValidator start(Class<?> schema, Set<Class<?>> classes, Set<String> constraints) {
    AtomicReference<CompletableFuture<Validator>> slot = VALIDATORS.get(schema);
    CompletableFuture<Validator> existing = slot.get();
    if (existing != null && !existing.isCompletedExceptionally()) {
      return new SchemaValidator(existing);
    }
    CompletableFuture<Validator> future = new CompletableFuture<>();
    if (!slot.compareAndSet(existing, future)) {
      // Another thread started it first.
      return new SchemaValidator(slot.get());
    }
    Set<Class<?>> initialized = Set.copyOf(classes);
    Set<String> names = Set.copyOf(constraints);
    Thread thread =
        new Thread(
            () -> {
              try {
                future.complete(factory(initialized, names).getValidator());
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
        .messageInterpolator(new ConditionalsEvaluated(new ParameterMessageInterpolator()))
        .addValueExtractor(new SecretValueExtractor())
        .addValueExtractor(new OptionalValueExtractor())
        .builtinConstraints(constraints)
        .initializeBeanMetaData(classes)
        .buildValidatorFactory();
  }

  /**
   * Hands the parameter interpolator the default messages of {@code @DecimalMin} and {@code
   * @DecimalMax} with their one conditional evaluated: it would leave {@code ${inclusive == true ?
   * …}} in the message and log a warning (HV000185) about it.
   */
  private static final class ConditionalsEvaluated implements MessageInterpolator {
    private final MessageInterpolator delegate;

    ConditionalsEvaluated(MessageInterpolator delegate) {
      this.delegate = delegate;
    }

    @Override
    public String interpolate(String template, Context context) {
      return interpolate(template, context, Locale.getDefault());
    }

    @Override
    public String interpolate(String template, Context context, Locale locale) {
      String evaluated = MessageTemplate.withoutConditionals(template, context.getConstraintDescriptor().getAttributes(), locale);
      return delegate.interpolate(evaluated, context, locale);
    }
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
