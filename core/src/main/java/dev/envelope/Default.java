package dev.envelope;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a component a value, in the variable's text form, used when no source sets the variable.
 *
 * <p>The default is converted and validated like any other value, so {@code @Default("15m") Duration
 * ttl} is fine and a default that violates a constraint is reported. Not allowed on {@code Secret}
 * components: a secret that has a value in the source code is not a secret.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Default {
  /** The default value, as it would be written in the environment. */
  String value();
}
