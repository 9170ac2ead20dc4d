package com.example;

import dev.envelope.Default;
import dev.envelope.EnvSchema;
import dev.envelope.RequiredIn;
import dev.envelope.Secret;
import java.util.Optional;

@EnvSchema
public record AppEnv(
    String smtpHost,
    @Default("8080") int port,
    Secret<String> jwtSecret,
    @RequiredIn("production") Optional<String> sentryDsn) {}
