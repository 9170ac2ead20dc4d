package dev.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.envelope.internal.schema.Schema;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Negative;
import jakarta.validation.constraints.NegativeOrZero;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;
import org.hibernate.validator.constraints.URL;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Holds the built-in constraint evaluation to Hibernate Validator's results: every input goes through
 * a schema evaluated without the validator and through the same schema plus one constraint only the
 * validator handles, and both must report exactly the same problems.
 */
class BuiltinConstraintsTest {
  record Evaluated(
      @NotNull @NotBlank Optional<String> name,
      @Size(min = 2, max = 5) String code,
      @Size(min = 1) List<String> tags,
      @NotEmpty Map<String, Integer> limits,
      @Default("5") @Min(1) @Max(10) int count,
      @Default("0") @Min(-5) Long offset,
      @Default("1") @Positive BigDecimal price,
      @Default("0") @PositiveOrZero BigInteger big,
      @Default("-1") @Negative short negative,
      @Default("0") @NegativeOrZero byte nonPositive,
      @Pattern(regexp = "[a-z]+", flags = Pattern.Flag.CASE_INSENSITIVE) Optional<String> slug,
      @URL Optional<String> site,
      @URL(protocol = "https", host = "example.com", port = 443) Optional<String> secure,
      @Size(min = 8) Secret<String> key,
      @Min(2) OptionalInt workers,
      @NotEmpty Optional<String> label) {}

  record ThroughValidator(
      @NotNull @NotBlank Optional<String> name,
      @Size(min = 2, max = 5) String code,
      @Size(min = 1) List<String> tags,
      @NotEmpty Map<String, Integer> limits,
      @Default("5") @Min(1) @Max(10) int count,
      @Default("0") @Min(-5) Long offset,
      @Default("1") @Positive BigDecimal price,
      @Default("0") @PositiveOrZero BigInteger big,
      @Default("-1") @Negative short negative,
      @Default("0") @NegativeOrZero byte nonPositive,
      @Pattern(regexp = "[a-z]+", flags = Pattern.Flag.CASE_INSENSITIVE) Optional<String> slug,
      @URL Optional<String> site,
      @URL(protocol = "https", host = "example.com", port = 443) Optional<String> secure,
      @Size(min = 8) Secret<String> key,
      @Min(2) OptionalInt workers,
      @NotEmpty Optional<String> label,
      @OnlyTheValidator Optional<String> forceValidator) {}

  /** A custom constraint, which only Hibernate Validator evaluates: it sends the whole schema there. */
  @Target({ElementType.FIELD, ElementType.METHOD})
  @Retention(RetentionPolicy.RUNTIME)
  @Constraint(validatedBy = OnlyTheValidator.Validator.class)
  @interface OnlyTheValidator {
    String message() default "never";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<OnlyTheValidator, Object> {
      @Override
      public boolean isValid(Object value, ConstraintValidatorContext context) {
        return true;
      }
    }
  }

  private static Map<String, String> valid() {
    Map<String, String> values = new HashMap<>();
    values.put("NAME", "ada");
    values.put("CODE", "ab1");
    values.put("TAGS", "x");
    values.put("LIMITS", "a=1");
    values.put("KEY", "canary-key-0001");
    return values;
  }

  private static Map<String, String> with(String... pairs) {
    Map<String, String> values = valid();
    for (int i = 0; i < pairs.length; i += 2) {
      values.put(pairs[i], pairs[i + 1]);
    }
    return values;
  }

  static Stream<Map<String, String>> inputs() {
    return Stream.of(
        valid(),
        with("NAME", "   "),
        with("CODE", "a"), with("CODE", "abcdef"), with("CODE", "abcde"), with("CODE", ""),
        with("TAGS", ","), with("LIMITS", ""),
        with("COUNT", "0"), with("COUNT", "11"), with("COUNT", "10"), with("COUNT", "1"),
        with("OFFSET", "-6"), with("OFFSET", "-5"),
        with("PRICE", "0"), with("PRICE", "0.0001"), with("PRICE", "-3.5"),
        with("BIG", "-1"), with("BIG", "0"), with("BIG", "123456789012345678901234567890"),
        with("NEGATIVE", "0"), with("NEGATIVE", "-7"),
        with("NON_POSITIVE", "1"), with("NON_POSITIVE", "0"),
        with("SLUG", "AbC"), with("SLUG", "ab-c"), with("SLUG", ""),
        with("SITE", "https://example.com/x"), with("SITE", "not a url"), with("SITE", "ftp://files.example.com"),
        with("SITE", "mailto:someone@example.com"), with("SITE", "http://exa mple.com"), with("SITE", "line\nbreak://x"), with("SITE", "https://example.com/\r"),
        with("SITE", "https://example.com/\u2028"), with("SITE", "https://example.com/\u0085"),
        with("SECURE", "https://example.com:443/a"), with("SECURE", "https://example.com/a"),
        with("SECURE", "http://example.com:443/a"), with("SECURE", "https://other.com:443/a"),
        with("KEY", "short"), with("KEY", "exactly8"),
        with("WORKERS", "1"), with("WORKERS", "2"),
        with("LABEL", ""), with("LABEL", "x"),
        with("NAME", "", "CODE", "a", "COUNT", "99", "SLUG", "1", "KEY", "x"));
  }

  private static Set<Problem> problems(Class<? extends Record> schema, Map<String, String> values) {
    try {
      Env.builder().hermetic().values(values).load(schema);
      return Set.of();
    } catch (EnvException e) {
      assertThat(e.getMessage()).doesNotContain("canary-key");
      return new HashSet<>(e.problems());
    }
  }

  @ParameterizedTest
  @MethodSource("inputs")
  void reportsWhatHibernateValidatorReports(Map<String, String> values) {
    Set<Problem> expected = problems(ThroughValidator.class, values);
    Set<Problem> actual = problems(Evaluated.class, values);

    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void theInputsExerciseViolations() {
    long failing = inputs().filter(values -> !problems(ThroughValidator.class, values).isEmpty()).count();

    assertThat(failing).isGreaterThan(25);
  }

  @Test
  void theTwoSchemasTakeTheTwoPaths() {
    assertThat(Schema.of(Evaluated.class, Map.of()).needsValidator()).isFalse();
    assertThat(Schema.of(ThroughValidator.class, Map.of()).needsValidator()).isTrue();
  }

  record CustomMessage(@Min(value = 1, message = "at least one, please") int count) {}

  record Grouped(@Min(value = 1, groups = Grouped.class) int count) {}

  record OnADouble(@Min(1) double ratio) {}

  record Repeated(@Pattern.List({@Pattern(regexp = "a.*"), @Pattern(regexp = ".*z")}) String word) {}

  record OnElements(List<@NotBlank String> words) {}

  record OnAText(@Min(1) String count) {}

  record OnAGetter(int min, int max) {
    @AssertTrue
    public boolean isOrdered() {
      return min <= max;
    }
  }

  @Test
  void customMessagesGroupsFloatingPointTextElementsAndGettersNeedNoValidator() {
    for (Class<?> schema : List.of(CustomMessage.class, Grouped.class, OnADouble.class, Repeated.class,
        OnElements.class, OnAText.class, OnAGetter.class)) {
      assertThat(Schema.of(schema, Map.of()).needsValidator()).as(schema.getSimpleName()).isFalse();
    }
  }

  record Custom(@OnlyTheValidator String name) {}

  record MessageWithAnExpression(@Min(value = 1, message = "${validatedValue} is too small") int count) {}

  record MalformedSize(@Size(min = 5, max = 1) String name) {}

  record OnAnUnsupportedType(@Email java.time.Duration timeout) {}

  record OnAGetterOfAContainer(int count) {
    public List<@NotBlank String> getNames() {
      return List.of();
    }
  }

  @Test
  void anythingElseGoesToTheValidator() {
    for (Class<?> schema : List.of(Custom.class, MessageWithAnExpression.class, MalformedSize.class,
        OnAnUnsupportedType.class, OnAGetterOfAContainer.class)) {
      assertThat(Schema.of(schema, Map.of()).needsValidator()).as(schema.getSimpleName()).isTrue();
    }
  }

  @Test
  void customMessagesStillApply() {
    EnvException e = catchThrowableOfType(EnvException.class,
        () -> Env.builder().hermetic().value("COUNT", "0").load(CustomMessage.class));

    assertThat(e.problems()).containsExactly(
        new Problem("COUNT", Problem.Kind.CONSTRAINT, "at least one, please", "builder values"));
  }
}
