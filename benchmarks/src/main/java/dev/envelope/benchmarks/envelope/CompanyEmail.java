package dev.envelope.benchmarks.envelope;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An application's own constraint, as teams write them: only Hibernate Validator evaluates it, so a
 * schema that uses one starts the validator.
 */
@Constraint(validatedBy = CompanyEmail.Check.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface CompanyEmail {
  String message() default "must be an address at {domain}";

  String domain() default "example.com";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Accepts an address whose domain is {@link CompanyEmail#domain()}. */
  final class Check implements ConstraintValidator<CompanyEmail, String> {
    private String suffix;

    @Override
    public void initialize(CompanyEmail constraint) {
      suffix = "@" + constraint.domain();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      return value == null || value.endsWith(suffix);
    }
  }
}
