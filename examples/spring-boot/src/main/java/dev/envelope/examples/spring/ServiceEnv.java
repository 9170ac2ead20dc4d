package dev.envelope.examples.spring;

import dev.envelope.Default;
import dev.envelope.Description;
import dev.envelope.Profile;
import dev.envelope.Secret;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.constraints.URL;

/** The service's environment: one record, loaded by Envelope, injected by Spring. */
public record ServiceEnv(
    @Description("The profile: development (default), or production when Spring's prod profile is active")
        Profile appEnv,
    @Description("Public URL of the service") @URL String appUrl,
    @Description("What the service says") @Default("Hello") String greeting,
    @Description("Key for the partner API; never printed") @Size(min = 16) Secret<String> apiKey) {}
