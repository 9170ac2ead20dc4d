package dev.envelope.internal.load;

import dev.envelope.internal.report.Redactor;
import dev.envelope.internal.schema.Schema;
import dev.envelope.internal.sources.EntrySource;
import dev.envelope.internal.sources.Layers;
import dev.envelope.internal.sources.ProviderSettings;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Collects what a load must never print: the values to mask, and the variables whose URIs are shown whole. */
final class SecretValues {
  private SecretValues() {}

  /**
   * Returns a redactor of every value any layer holds for a {@code Secret} variable, of every value
   * its provider marks secret, and of provider settings that are credentials.
   */
  static Redactor redactor(Layers layers, Schema schema, ProviderSettings providerSettings) {
    List<String> secrets = new ArrayList<>();
    for (EntrySource source : layers.sources()) {
      for (EntrySource.Candidate candidate : source.entries().values()) {
        if (candidate.secret()) {
          secrets.add(candidate.value());
        }
      }
    }
    for (Schema.Variable variable : schema.variables()) {
      if (variable.secret()) {
        for (EntrySource source : layers.sources()) {
          EntrySource.Candidate candidate = source.candidate(variable.name());
          if (candidate != null) {
            secrets.add(candidate.value());
          }
        }
      }
    }
    for (String name : providerSettings.read()) {
      if (name.contains("TOKEN") || name.contains("SECRET") || name.contains("PASSWORD") || name.contains("KEY")) {
        Optional<String> value = providerSettings.apply(name);
        if (value.isPresent() && !ProviderSettings.isEndpoint(value.get())) {
          secrets.add(value.get());
        }
      }
    }
    Set<String> unmasked = new HashSet<>();
    for (Schema.Variable variable : schema.variables()) {
      if (variable.unmasked()) {
        unmasked.add(variable.name());
      }
    }
    return Redactor.of(secrets, unmasked);
  }
}
