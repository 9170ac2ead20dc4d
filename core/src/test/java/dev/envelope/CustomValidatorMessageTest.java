package dev.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;
import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;
import org.junit.jupiter.api.Test;

/**
 * A user-written validator's message may quote part of the value it rejects; where that value is or
 * derives from a secret, the message is withheld, as a converter's is.
 */
class CustomValidatorMessageTest {
  static final String CANARY = "sk_test_canary-3f9a1c77";
  /** What the validators below quote: too short to be masked as a secret, enough to help guess it. */
  static final String FRAGMENT = CANARY.substring(0, 6);

  /** Quotes the start of the value in a template it builds. */
  @Target({ElementType.TYPE_USE, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
  @Retention(RetentionPolicy.RUNTIME)
  @Constraint(validatedBy = LiveKey.Validator.class)
  @interface LiveKey {
    String message() default "must be a live key";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<LiveKey, CharSequence> {
      @Override
      public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
        if (value == null || value.toString().startsWith("sk_live_")) {
          return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate("must start with sk_live_, not " + value.subSequence(0, 6))
            .addConstraintViolation();
        return false;
      }
    }
  }

  /** Quotes the start of the value through a message parameter, which the default template names. */
  @Target({ElementType.TYPE_USE, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
  @Retention(RetentionPolicy.RUNTIME)
  @Constraint(validatedBy = Https.Validator.class)
  @interface Https {
    String message() default "must be https, not {start}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<Https, CharSequence> {
      @Override
      public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
        if (value == null || value.toString().startsWith("https:")) {
          return true;
        }
        context.unwrap(HibernateConstraintValidatorContext.class)
            .addMessageParameter("start", value.subSequence(0, Math.min(14, value.length())));
        return false;
      }
    }
  }

  /** A fixed message, which cannot quote anything. */
  @Target({ElementType.TYPE_USE, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
  @Retention(RetentionPolicy.RUNTIME)
  @Constraint(validatedBy = NotTest.Validator.class)
  @interface NotTest {
    String message() default "must not be a test key";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<NotTest, CharSequence> {
      @Override
      public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
        return value == null || !value.toString().startsWith("sk_test_");
      }
    }
  }

  /** A class-level constraint quoting a member. */
  @Target(ElementType.TYPE)
  @Retention(RetentionPolicy.RUNTIME)
  @Constraint(validatedBy = Matching.Validator.class)
  @interface Matching {
    String message() default "keys must match";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<Matching, Keys> {
      @Override
      public boolean isValid(Keys keys, ConstraintValidatorContext context) {
        if (keys.primary().reveal().equals(keys.backup())) {
          return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate("primary " + keys.primary().reveal().substring(0, 6) + "… differs")
            .addConstraintViolation();
        return false;
      }
    }
  }

  record Stripe(Secret<@LiveKey String> stripeKey, @Https String webhookUrl, @LiveKey String publicKey) {}

  record Hooks(Secret<String> hookToken, @Https String webhookUrl) {}

  record Fixed(Secret<@NotTest String> stripeKey) {}

  @Matching
  record Keys(Secret<String> primary, String backup) {}

  record Rotation(Keys keys) {}

  private static void assertNoFragment(EnvException e) {
    assertThat(e.getMessage()).doesNotContain(FRAGMENT).doesNotContain(CANARY);
    assertThat(e.problems().toString()).doesNotContain(FRAGMENT);
    assertThat(e.toJson()).doesNotContain(FRAGMENT);
  }

  @Test
  void aCustomMessageAboutASecretIsWithheld() {
    EnvException e = catchThrowableOfType(EnvException.class, () -> Env.builder().hermetic()
        .values(Map.of("STRIPE_KEY", CANARY, "WEBHOOK_URL", "https://hooks.example", "PUBLIC_KEY", "sk_live_x"))
        .load(Stripe.class));

    assertThat(e.problems()).extracting(Problem::variable, Problem::message).containsExactly(
        tuple("STRIPE_KEY", "fails @LiveKey (the message is withheld: the value holds a secret)"));
    assertNoFragment(e);
  }

  @Test
  void aCustomMessageAboutAValueBuiltFromASecretIsWithheld() {
    EnvException e = catchThrowableOfType(EnvException.class, () -> Env.builder().hermetic()
        .values(Map.of("HOOK_TOKEN", CANARY, "WEBHOOK_URL", "http://" + CANARY + "@hooks.example"))
        .load(Hooks.class));

    assertThat(e.problems()).extracting(Problem::variable, Problem::message).containsExactly(
        tuple("WEBHOOK_URL", "fails @Https (the message is withheld: the value holds a secret)"));
    assertNoFragment(e);
  }

  @Test
  void aCustomMessageAboutAPlainValueIsShown() {
    EnvException e = catchThrowableOfType(EnvException.class, () -> Env.builder().hermetic()
        .values(Map.of("STRIPE_KEY", "sk_live_" + CANARY, "WEBHOOK_URL", "https://hooks.example", "PUBLIC_KEY", "pk_abc123"))
        .load(Stripe.class));

    assertThat(e.problems()).extracting(Problem::variable, Problem::message).containsExactly(
        tuple("PUBLIC_KEY", "must start with sk_live_, not pk_abc"));
  }

  @Test
  void aFixedCustomMessageAboutASecretIsShown() {
    EnvException e = catchThrowableOfType(EnvException.class, () -> Env.builder().hermetic()
        .value("STRIPE_KEY", CANARY).load(Fixed.class));

    assertThat(e.problems()).extracting(Problem::variable, Problem::message).containsExactly(
        tuple("STRIPE_KEY", "must not be a test key"));
    assertNoFragment(e);
  }

  @Test
  void aClassLevelCustomMessageAboutARecordHoldingASecretIsWithheld() {
    EnvException e = catchThrowableOfType(EnvException.class, () -> Env.builder().hermetic()
        .values(Map.of("KEYS_PRIMARY", CANARY, "KEYS_BACKUP", "other")).load(Rotation.class));

    assertThat(e.problems()).extracting(Problem::variable, Problem::message).containsExactly(
        tuple("KEYS_*", "fails @Matching (the message is withheld: the record holds a secret)"));
    assertNoFragment(e);
  }
}
