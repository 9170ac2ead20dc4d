package dev.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Hibernate Validator is bootstrapped once per schema class, for the classes and constraints the
 * first load validates; a later load of the same class that validates more (its loader reads a
 * nested record as a group, where the first read it as one value) still gets every violation.
 */
class SchemaValidatorReuseTest {
  @Constraint(validatedBy = Even.Check.class)
  @Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE})
  @Retention(RetentionPolicy.RUNTIME)
  @interface Even {
    String message() default "must be even";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Check implements ConstraintValidator<Even, Integer> {
      @Override
      public boolean isValid(Integer value, ConstraintValidatorContext context) {
        return value == null || value % 2 == 0;
      }
    }
  }

  record Pool(@Even int size) {}

  record App(@Even int workers, Pool pool) {}

  @Test
  void aLoadThatReadsANestedRecordAsOneValueDoesNotLeaveTheNextWithoutItsConstraints() {
    // First a loader whose converter reads POOL as one value: only App is validated.
    App first = Env.builder().hermetic().values(Map.of("WORKERS", "2", "POOL", "3"))
        .converter(Pool.class, text -> new Pool(Integer.parseInt(text))).build().load(App.class);
    // Then one without it: Pool is a group of its own, and its size breaks its constraint.
    EnvException thrown = catchThrowableOfType(EnvException.class,
        () -> Env.builder().hermetic().values(Map.of("WORKERS", "2", "POOL_SIZE", "3")).build().load(App.class));

    assertThat(first.pool().size()).isEqualTo(3);
    assertThat(thrown).as("the second load, whose POOL_SIZE is odd").isNotNull();
    assertThat(thrown.problems()).extracting(Problem::variable, Problem::kind)
        .containsExactly(tuple("POOL_SIZE", Problem.Kind.CONSTRAINT));
    assertThat(thrown.problems().get(0).message()).contains("must be even");
  }
}
