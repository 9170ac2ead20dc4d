package dev.envelope;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Shows the user information of URIs in this component's value as it is, in reports, problems and
 * warnings. By default Envelope masks it everywhere ({@code postgres://orders:****@db/app}, {@code
 * https://****@o1.ingest.sentry.io/2}); declare a component {@code @Unmasked} when that part is not a
 * credential, such as {@code ftp://anonymous:guest@mirror.example} or a user name that operators need
 * to see in full.
 *
 * <p>It turns off only the URI rule: a secret value copied into this one (by a {@code .env}
 * reference, say) is still masked. It is a schema problem on a {@link Secret}, which is never shown.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Unmasked {}
