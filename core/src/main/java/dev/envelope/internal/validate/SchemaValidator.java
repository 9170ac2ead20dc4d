package dev.envelope.internal.validate;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.MessageInterpolator;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
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
  private static final ClassValue<AtomicReference<Validator>> VALIDATORS =
      new ClassValue<>() {
        @Override
        protected AtomicReference<Validator> computeValue(Class<?> schema) {
          return new AtomicReference<>();
        }
      };

  private final AtomicReference<Validator> slot;
  private final Set<Class<?>> classes;
  private final Set<String> constraints;

  private SchemaValidator(AtomicReference<Validator> slot, Set<Class<?>> classes, Set<String> constraints) {
    this.slot = slot;
    this.classes = classes;
    this.constraints = constraints;
  }

  /**
   * Returns the validator of {@code schema}, bootstrapped on its first use, on the thread that
   * validates (once per schema class; later loads reuse it, also loads that read the schema with
   * other converters: {@code SchemaValidatorReuseTest}).
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
    Validator validator = slot.get();
    if (validator != null) {
      return validator;
    }
    synchronized (slot) {
      validator = slot.get();
      if (validator == null) {
        try {
          validator = factory(classes, constraints).getValidator();
        } catch (VirtualMachineError e) {
          throw e;
        } catch (RuntimeException | Error e) {
          throw new IllegalStateException("Hibernate Validator failed to start: " + e, e);
        }
        slot.set(validator);
      }
      return validator;
    }
  }
}
