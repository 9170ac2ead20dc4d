/**
 * What Envelope's AWS providers share: client settings ({@code AWS_REGION}, {@code
 * AWS_ENDPOINT_URL_<SERVICE>}, credentials), fetch limits, response checks and error descriptions.
 *
 * <p>Internal to {@code envelope-aws-secrets-manager} and {@code envelope-aws-parameter-store}: not an
 * API for applications, and it may change in any release.
 */
package dev.envelope.aws.common;
