package dev.envelope;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes an {@code Optional} component required in the given profiles.
 *
 * <p>{@code @RequiredIn("production") Optional<URI> sentryDsn} is empty when unset in development, and a
 * {@code MISSING} problem when unset in production. Profile aliases ({@code prod}, {@code dev},
 * {@code stage}) are accepted.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface RequiredIn {
  /** The profiles in which the variable must be set. */
  String[] value();
}
