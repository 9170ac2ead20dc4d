package dev.envelope;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a component a default value for one profile; it takes precedence over {@link Default}.
 *
 * <p>{@code @DefaultIn(profile = "development", value = "debug") @Default("info") LogLevel logLevel}
 * is {@code debug} in development and {@code info} elsewhere, unless a source sets it. Repeatable,
 * once per profile. Allowed on {@code Secret} components only for the {@code development} and
 * {@code test} profiles, where a well-known local value (such as a test signing key) is common.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
@Repeatable(DefaultIn.List.class)
public @interface DefaultIn {
  /** The profile this default applies to; aliases such as {@code dev} are accepted. */
  String profile();

  /** The default value, as it would be written in the environment. */
  String value();

  /** Holds repeated {@link DefaultIn} annotations. */
  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.RECORD_COMPONENT)
  @interface List {
    /** The repeated annotations. */
    DefaultIn[] value();
  }
}
