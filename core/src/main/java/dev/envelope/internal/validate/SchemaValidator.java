package dev.envelope.internal.validate;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.MessageInterpolator;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hibernate.validator.PredefinedScopeHibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Bootstraps Hibernate Validator for a schema: once per schema, only for the constraints and record
 * classes it uses (the predefined-scope bootstrap), when a load first validates with it.
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
  private static final ClassValue<AtomicReference<Built>> VALIDATORS =
      new ClassValue<>() {
        @Override
        protected AtomicReference<Built> computeValue(Class<?> schema) {
          return new AtomicReference<>();
        }
      };

  /** A validator and what it was bootstrapped for: the predefined scope knows nothing else. */
  private record Built(Validator validator, Set<Class<?>> classes, Set<String> constraints) {
    boolean covers(Set<Class<?>> classes, Set<String> constraints) {
      return this.classes.containsAll(classes) && this.constraints.containsAll(constraints);
    }
  }

  private final AtomicReference<Built> slot;
  private final Set<Class<?>> classes;
  private final Set<String> constraints;

  private SchemaValidator(AtomicReference<Built> slot, Set<Class<?>> classes, Set<String> constraints) {
    this.slot = slot;
    this.classes = classes;
    this.constraints = constraints;
  }

  /**
   * Returns the validator of {@code schema}, bootstrapped on its first use, on the thread that
   * validates: once per schema class, and again only if a later load validates classes or
   * constraints the first did not (a converter read a nested record as a value in one load and not
   * in the other), then for both. The predefined-scope validator skips, silently, the constraints
   * of a class it was not bootstrapped for ({@code SchemaValidatorReuseTest}).
   *
   * @param schema the root record class
   * @param classes every record class that will be validated
   * @param constraints the type names of the constraints they use
   */
  public static SchemaValidator of(Class<?> schema, Set<Class<?>> classes, Set<String> constraints) {
    return new SchemaValidator(VALIDATORS.get(schema), Set.copyOf(classes), Set.copyOf(constraints));
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
    Built built = slot.get();
    if (built != null && built.covers(classes, constraints)) {
      return built.validator();
    }
    synchronized (slot) {
      built = slot.get();
      if (built == null || !built.covers(classes, constraints)) {
        Set<Class<?>> allClasses = new HashSet<>(classes);
        Set<String> allConstraints = new HashSet<>(constraints);
        if (built != null) {
          allClasses.addAll(built.classes());
          allConstraints.addAll(built.constraints());
        }
        try {
          built = new Built(factory(allClasses, allConstraints).getValidator(), Set.copyOf(allClasses),
              Set.copyOf(allConstraints));
        } catch (VirtualMachineError e) {
          throw e;
        } catch (RuntimeException | Error e) {
          throw new IllegalStateException("Hibernate Validator failed to start: " + e, e);
        }
        slot.set(built);
      }
      return built.validator();
    }
  }
}
