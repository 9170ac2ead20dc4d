package dev.envelope;

import dev.envelope.internal.EntrySource;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Resolves a variable across the layers of a load with SmallRye Config, keeping where the winning
 * value came from and which lower layers it shadowed.
 *
 * <p>The config is built without default sources, discovery or interceptors: Envelope decides the
 * layers itself, and SmallRye's {@code ${...}} expansion would corrupt secret values that contain
 * {@code $} ({@code .env} files have their own expansion, with dotenv's rules).
 */
final class Layers {
  private final List<EntrySource> sources;
  private final Map<Integer, EntrySource> byOrdinal = new HashMap<>();
  private final SmallRyeConfig config;

  Layers(List<EntrySource> sources) {
    List<EntrySource> ordered = new ArrayList<>(sources);
    ordered.sort(Comparator.comparingInt(EntrySource::getOrdinal).reversed());
    this.sources = List.copyOf(ordered);
    for (EntrySource source : ordered) {
      if (byOrdinal.put(source.getOrdinal(), source) != null) {
        throw new IllegalStateException("two layers share ordinal " + source.getOrdinal());
      }
    }
    this.config = new SmallRyeConfigBuilder().withSources(ordered.toArray(new ConfigSource[0])).build();
  }

  /** The winning value of a variable, its origin, and the origins it shadowed. */
  record Lookup(String value, String origin, EntrySource source, List<String> shadowed) {}

  /** Returns the winning value of {@code name}, or null if no layer sets it. */
  Lookup lookup(String name) {
    ConfigValue value = config.getConfigValue(name);
    if (value.getValue() == null) {
      return null;
    }
    EntrySource winner = byOrdinal.get(value.getConfigSourceOrdinal());
    EntrySource.Candidate candidate = winner.candidate(name);
    List<String> shadowed = new ArrayList<>(0);
    for (EntrySource source : sources) {
      if (source.getOrdinal() < winner.getOrdinal()) {
        EntrySource.Candidate lower = source.candidate(name);
        if (lower != null) {
          shadowed.add(lower.origin());
        }
      }
    }
    return new Lookup(candidate.value(), candidate.origin(), winner, shadowed);
  }

  /** Returns the layers, highest precedence first. */
  List<EntrySource> sources() {
    return sources;
  }
}
