package dev.envelope.examples.doppler;

import dev.envelope.Default;
import dev.envelope.Profile;
import dev.envelope.Secret;

/**
 * The example service's environment: the same record in every profile, whether the values come
 * from Doppler or from a {@code .env} file.
 *
 * @param appEnv the active profile ({@code APP_ENV})
 * @param databaseUrl {@code DATABASE_URL}
 * @param jwtSecret {@code JWT_SECRET}, never printed
 * @param logLevel {@code LOG_LEVEL}, {@code info} unless set
 */
public record AppEnv(Profile appEnv, String databaseUrl, Secret<String> jwtSecret, @Default("info") String logLevel) {}
