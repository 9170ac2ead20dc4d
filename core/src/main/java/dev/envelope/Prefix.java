package dev.envelope;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Sets the prefix of a nested record's variables, replacing the one derived from the component name.
 *
 * <p>{@code @Prefix("DB_") Database database} reads {@code DB_URL} instead of {@code DATABASE_URL}.
 * The prefix is used as written (include the trailing underscore); an empty prefix is allowed.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Prefix {
  /** The prefix, for example {@code "DB_"}. */
  String value();
}
