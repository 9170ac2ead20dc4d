package dev.envelope;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Sets the variable name of a schema component, replacing the derived one.
 *
 * <p>{@code @Name("PORT") int httpPort} reads {@code PORT} instead of {@code HTTP_PORT}. The name is
 * used as written, without the prefix of an enclosing group.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Name {
  /** The variable's name, for example {@code "PORT"}. */
  String value();
}
