package dev.envelope.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Loads a schema hermetically for a test and injects the result as a parameter: the record itself,
 * its {@link dev.envelope.Resolution} or {@link dev.envelope.Report}, or the {@link
 * dev.envelope.EnvException} when the test expects the load to fail.
 *
 * <p>Put it on a test class, a test method, or both: the method's profile and {@code .env} resource
 * replace the class's, and its values are added to the class's, replacing those with the same name
 * ({@link org.junit.jupiter.api.Nested} classes add to their enclosing class the same way). Only the
 * declared input is read: never the real environment, the working directory's {@code .env} files or
 * {@code ENVELOPE_PROVIDERS}. Each test loads on its own, so nothing leaks between tests, also under
 * parallel execution.
 *
 * <pre>{@code
 * @EnvTest(profile = "production", values = {"APP_URL=https://shop.example", "JWT_SECRET=..."})
 * class ProductionEnvTest {
 *   @Test
 *   void loads(ShopEnv env) { assertThat(env.appUrl().getHost()).isEqualTo("shop.example"); }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ExtendWith(EnvExtension.class)
public @interface EnvTest {
  /**
   * The profile, aliases such as {@code prod} accepted; when empty everywhere, the loader takes it
   * from {@code APP_ENV} among the values, else {@code development}.
   */
  String profile() default "";

  /**
   * The variables of the simulated process environment, each written {@code "NAME=value"}; the value
   * may be empty or contain {@code =}.
   */
  String[] values() default {};

  /**
   * A class path resource read as the {@code .env} file, resolved like {@link Class#getResource} on the
   * test class: relative to its package, or absolute with a leading {@code /}. Empty for none.
   */
  String dotEnv() default "";

  /**
   * The schema, needed when no parameter names it: a test that receives just the {@link
   * dev.envelope.EnvException} or {@link dev.envelope.Report}. When set, only parameters of this record
   * type are injected, leaving other record parameters to other resolvers. {@code Record.class} means
   * "any record parameter is the schema".
   */
  Class<? extends Record> schema() default Record.class;
}
