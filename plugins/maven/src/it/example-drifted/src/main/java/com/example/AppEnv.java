package com.example;

import dev.envelope.Default;
import dev.envelope.Description;
import dev.envelope.RequiredIn;
import dev.envelope.Secret;
import java.util.Optional;

@Description("The sample application.")
public record AppEnv(
    @Description("Mail relay.") String smtpHost,
    @Default("8080") int port,
    @Description("Signs sessions.") Secret<String> jwtSecret,
    @RequiredIn("production") Optional<String> sentryDsn) {}
