package dev.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Constraints in the places Hibernate Validator looks, on both of Envelope's paths: evaluated by
 * Envelope itself, and by the validator (each schema's twin adds a custom constraint, which sends it
 * there).
 */
class ConstraintPlacesTest {
  static final String CANARY = "canary-7c2e";

  /** A custom constraint that always holds: its presence makes Envelope start Hibernate Validator. */
  @Target({ElementType.FIELD, ElementType.METHOD})
  @Retention(RetentionPolicy.RUNTIME)
  @Constraint(validatedBy = Custom.Validator.class)
  @interface Custom {
    String message() default "never";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<Custom, Object> {
      @Override
      public boolean isValid(Object value, ConstraintValidatorContext context) {
        return true;
      }
    }
  }

  record Database(@Default("10") int poolMin, @Default("10") int poolMax) {
    @AssertTrue(message = "pool min must not exceed pool max")
    public boolean isPoolOrdered() {
      return poolMin <= poolMax;
    }
  }

  record App(Database database) {}

  record AppThroughValidator(Database database, @Custom Optional<String> other) {}

  @Test
  void aGetterConstraintIsEnforcedAndGivesTheOriginsOfTheGroup() {
    for (Class<? extends Record> schema : List.of(App.class, AppThroughValidator.class)) {
      EnvException e = catchThrowableOfType(EnvException.class,
          () -> Env.builder().hermetic().value("DATABASE_POOL_MIN", "20").load(schema));

      assertThat(e.problems()).as(schema.getSimpleName()).containsExactly(new Problem("DATABASE_*", Problem.Kind.CONSTRAINT,
          "poolOrdered: pool min must not exceed pool max", "DATABASE_POOL_MIN builder values, DATABASE_POOL_MAX default"));
    }
  }

  @Test
  void aSatisfiedGetterConstraintLoads() {
    assertThat(Env.builder().hermetic().value("DATABASE_POOL_MIN", "5").load(AppThroughValidator.class).database())
        .isEqualTo(new Database(5, 10));
    assertThat(Env.builder().hermetic().value("DATABASE_POOL_MIN", "5").load(App.class).database()).isEqualTo(new Database(5, 10));
  }

  record Broken(int count) {
    @AssertTrue
    public boolean isFine() {
      throw new IllegalStateException("count " + CANARY);
    }
  }

  @Test
  void aGetterThatThrowsIsAProblemThatDoesNotRepeatItsMessage() {
    EnvException e = catchThrowableOfType(EnvException.class, () -> Env.builder().hermetic().value("COUNT", "1").load(Broken.class));

    assertThat(e.problems()).containsExactly(new Problem("Broken", Problem.Kind.SCHEMA,
        "validation could not run: isFine() threw java.lang.IllegalStateException", "schema"));
    assertThat(e.getMessage()).doesNotContain(CANARY);
  }

  record OptionalName(@NotBlank Optional<String> name, Optional<@Email String> replyTo) {}

  record OptionalNameThroughValidator(@NotBlank Optional<String> name, Optional<@Email String> replyTo, @Custom String other) {}

  @Test
  void anUnsetOptionalSatisfiesItsConstraints() {
    assertThat(Env.builder().hermetic().load(OptionalName.class).name()).isEmpty();
    assertThat(Env.builder().hermetic().value("OTHER", "x").load(OptionalNameThroughValidator.class).name()).isEmpty();
  }

  @Test
  void aSetOptionalIsChecked() {
    for (Class<? extends Record> schema : List.of(OptionalName.class, OptionalNameThroughValidator.class)) {
      EnvException e = catchThrowableOfType(EnvException.class,
          () -> Env.builder().hermetic().values(Map.of("NAME", " ", "REPLY_TO", "nobody", "OTHER", "x")).load(schema));

      assertThat(e.problems()).as(schema.getSimpleName()).containsExactlyInAnyOrder(
          new Problem("NAME", Problem.Kind.CONSTRAINT, "must not be blank", "builder values"),
          new Problem("REPLY_TO", Problem.Kind.CONSTRAINT, "must be a well-formed email address", "builder values"));
    }
  }

  record Rates(@DecimalMax("0.5") BigDecimal sample, @DecimalMin(value = "0", inclusive = false) BigDecimal floor) {}

  record RatesThroughValidator(@DecimalMax("0.5") BigDecimal sample, @DecimalMin(value = "0", inclusive = false) BigDecimal floor,
      @Custom String other) {}

  @Test
  void decimalBoundsReadAsSentencesOnBothPathsAndLogNoWarning() {
    CapturedLog log = CapturedLog.of("org.hibernate.validator");
    try (log) {
      for (Class<? extends Record> schema : List.of(Rates.class, RatesThroughValidator.class)) {
        EnvException e = catchThrowableOfType(EnvException.class,
            () -> Env.builder().hermetic().values(Map.of("SAMPLE", "0.75", "FLOOR", "0", "OTHER", "x")).load(schema));

        assertThat(e.problems()).as(schema.getSimpleName()).containsExactlyInAnyOrder(
            new Problem("SAMPLE", Problem.Kind.CONSTRAINT, "must be less than or equal to 0.5", "builder values"),
            new Problem("FLOOR", Problem.Kind.CONSTRAINT, "must be greater than 0", "builder values"));
      }
    }
    assertThat(log.messages()).noneMatch(message -> message != null && message.contains("HV000185"));
  }

  record SecretAdmins(Secret<List<@Email String>> admins) {}

  record SecretAdminsThroughValidator(Secret<List<@Email String>> admins, @Custom String other) {}

  @Test
  void anElementOfASecretIsNamedByPositionAndNeverShown() {
    for (Class<? extends Record> schema : List.of(SecretAdmins.class, SecretAdminsThroughValidator.class)) {
      EnvException e = catchThrowableOfType(EnvException.class,
          () -> Env.builder().hermetic().values(Map.of("ADMINS", "a@example.com," + CANARY, "OTHER", "x")).load(schema));

      assertThat(e.problems()).as(schema.getSimpleName()).containsExactly(
          new Problem("ADMINS", Problem.Kind.CONSTRAINT, "[1] must be a well-formed email address", "builder values"));
      assertThat(e.getMessage()).doesNotContain(CANARY);
      assertThat(e.problems().toString()).doesNotContain(CANARY);
    }
  }
}
