package dev.envelope;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record as an environment schema, so that build tools find it without being told: {@code
 * envelope-maven-plugin} checks every marked record among a project's compiled classes when its
 * {@code schemas} parameter is not set. It changes nothing when loading: any record can be loaded,
 * marked or not.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EnvSchema {}
