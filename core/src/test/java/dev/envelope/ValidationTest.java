package dev.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ValidationTest {
  static final String CANARY = "canary-5d1f-short";

  @Target(ElementType.TYPE)
  @Retention(RetentionPolicy.RUNTIME)
  @Constraint(validatedBy = PoolOrder.Validator.class)
  @interface PoolOrder {
    String message() default "pool min must not exceed pool max";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<PoolOrder, Pool> {
      @Override
      public boolean isValid(Pool pool, ConstraintValidatorContext context) {
        return pool.min() <= pool.max();
      }
    }
  }

  @PoolOrder
  record Pool(@Default("2") @Min(0) int min, @Default("10") @Max(500) int max) {}

  record App(
      Pool pool,
      @Size(min = 32) Secret<String> jwtSecret,
      Optional<@Pattern(regexp = "https://.*") String> callback,
      @Size(max = 3) List<@Email String> admins) {}

  private static Env.Builder valid() {
    return Env.builder().hermetic().values(Map.of("JWT_SECRET", "x".repeat(32), "ADMINS", "a@example.com"));
  }

  @Test
  void validInputLoads() {
    App app = valid().load(App.class);

    assertThat(app.pool()).isEqualTo(new Pool(2, 10));
    assertThat(app.jwtSecret().reveal()).hasSize(32);
  }

  @Test
  void constraintsOnNestedComponentsNameTheirVariables() {
    assertThatThrownBy(() -> valid().value("POOL_MIN", "-1").value("POOL_MAX", "900").load(App.class))
        .isInstanceOfSatisfying(EnvException.class, e -> assertThat(e.problems())
            .extracting(Problem::variable, Problem::kind, Problem::message, Problem::origin)
            .containsExactly(
                tuple("POOL_MIN", Problem.Kind.CONSTRAINT, "must be greater than or equal to 0", "builder values"),
                tuple("POOL_MAX", Problem.Kind.CONSTRAINT, "must be less than or equal to 500", "builder values")));
  }

  @Test
  void classLevelConstraintIsReportedForTheGroup() {
    assertThatThrownBy(() -> valid().value("POOL_MIN", "20").value("POOL_MAX", "5").load(App.class))
        .isInstanceOfSatisfying(EnvException.class, e -> assertThat(e.problems())
            .containsExactly(new Problem("POOL_*", Problem.Kind.CONSTRAINT, "pool min must not exceed pool max", "")));
  }

  @Test
  void constraintOnASecretAppliesToTheValueAndNeverShowsIt() {
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> valid().value("JWT_SECRET", CANARY).load(App.class));

    assertThat(thrown).isInstanceOfSatisfying(EnvException.class, e -> {
      assertThat(e.problems()).containsExactly(
          new Problem("JWT_SECRET", Problem.Kind.CONSTRAINT, "must be at least 32 characters long", "builder values"));
      assertThat(e.getMessage()).doesNotContain(CANARY);
      assertThat(e.problems().toString()).doesNotContain(CANARY);
    });
  }

  @Test
  void constraintsApplyThroughOptionalAndToListElements() {
    assertThatThrownBy(() -> valid().value("CALLBACK", "http://insecure").value("ADMINS", "a@example.com,not-an-email").load(App.class))
        .isInstanceOfSatisfying(EnvException.class, e -> assertThat(e.problems())
            .extracting(Problem::variable, Problem::message)
            .containsExactly(
                tuple("CALLBACK", "must match \"https://.*\""),
                tuple("ADMINS", "must be a well-formed email address")));
  }

  @Test
  void sizeOnACollectionCountsItems() {
    assertThatThrownBy(() -> valid().value("ADMINS", "a@x.io,b@x.io,c@x.io,d@x.io").load(App.class))
        .isInstanceOfSatisfying(EnvException.class, e -> assertThat(e.problems())
            .extracting(Problem::message).containsExactly("must be at most 3 items long"));
  }

  @Test
  void conversionFailuresAndViolationsAreReportedInOnePass() {
    assertThatThrownBy(() -> valid().value("POOL_MIN", "ten").value("POOL_MAX", "900").value("JWT_SECRET", CANARY).load(App.class))
        .isInstanceOfSatisfying(EnvException.class, e -> {
          assertThat(e.problems())
              .extracting(Problem::variable, Problem::kind)
              .containsExactly(
                  tuple("POOL_MIN", Problem.Kind.INVALID),
                  tuple("POOL_MAX", Problem.Kind.CONSTRAINT),
                  tuple("JWT_SECRET", Problem.Kind.CONSTRAINT));
          assertThat(e.getMessage()).doesNotContain(CANARY);
        });
  }

  record Guarded(String host, int port) {
    Guarded {
      if (port == 0) {
        throw new IllegalArgumentException("port 0 is reserved");
      }
    }
  }

  @Test
  void compactConstructorRejectionIsAProblemNotAStackTrace() {
    assertThatThrownBy(() -> Env.builder().hermetic().values(Map.of("HOST", "h", "PORT", "0")).load(Guarded.class))
        .isInstanceOfSatisfying(EnvException.class, e -> assertThat(e.problems())
            .containsExactly(new Problem("Guarded", Problem.Kind.CONSTRAINT, "rejected by Guarded's constructor: port 0 is reserved",
                "HOST from builder values, PORT from builder values")));
  }

  record Plain(String host) {}

  @Test
  void schemaWithoutConstraintsLoadsWithoutTheValidator() {
    assertThat(Env.builder().hermetic().value("HOST", "h").load(Plain.class).host()).isEqualTo("h");
  }

  record Mismatched(@Email java.time.Duration timeout) {}

  @Test
  void aConstraintThatCannotApplyToItsTypeIsASchemaProblem() {
    assertThatThrownBy(() -> Env.builder().hermetic().value("TIMEOUT", "5s").load(Mismatched.class))
        .isInstanceOfSatisfying(EnvException.class, e -> assertThat(e.problems())
            .extracting(Problem::variable, Problem::kind)
            .containsExactly(tuple("Mismatched", Problem.Kind.SCHEMA)));
  }

  @Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE})
  @Retention(RetentionPolicy.RUNTIME)
  @Constraint(validatedBy = OrderedRange.Validator.class)
  @interface OrderedRange {
    String message() default "min must not exceed max";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<OrderedRange, Range> {
      @Override
      public boolean isValid(Range range, ConstraintValidatorContext context) {
        return range == null || range.min() <= range.max();
      }
    }
  }

  record Range(int min, int max) {}

  record WithRange(@OrderedRange Range db, String name) {}

  @Test
  void aConstraintOnANestedGroupComponentIsReportedForTheGroup() {
    assertThatThrownBy(() -> Env.builder().hermetic().values(Map.of("DB_MIN", "50", "DB_MAX", "10", "NAME", "x"))
            .load(WithRange.class))
        .isInstanceOfSatisfying(EnvException.class, e -> assertThat(e.problems())
            .containsExactly(new Problem("DB_*", Problem.Kind.CONSTRAINT, "min must not exceed max", "")));
  }

  @Test
  void aConstraintOnANestedGroupComponentIsCheckedEvenWhenASiblingFails() {
    assertThatThrownBy(() -> Env.builder().hermetic().values(Map.of("DB_MIN", "50", "DB_MAX", "10")).load(WithRange.class))
        .isInstanceOfSatisfying(EnvException.class, e -> assertThat(e.problems())
            .extracting(Problem::variable, Problem::kind)
            .containsExactly(tuple("NAME", Problem.Kind.MISSING), tuple("DB_*", Problem.Kind.CONSTRAINT)));
  }
}
