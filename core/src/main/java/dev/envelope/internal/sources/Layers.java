package dev.envelope.internal.sources;

import java.util.ArrayList;
import java.util.List;

/**
 * Resolves a variable across the layers of a load, keeping where the winning value came from and
 * which lower layers it shadowed.
 *
 * <p>Each layer's ordinal encodes its precedence. The lookup is a walk down the sorted list, not a
 * {@code SmallRyeConfig}, whose {@code ${...}} expansion would corrupt secret values that contain
 * {@code $} and which always adds its own environment source and profile interceptor.
 */
public final class Layers {
  private final List<EntrySource> sources;

  public Layers(List<EntrySource> sources) {
    // An insertion sort of a handful of layers, highest ordinal first.
    List<EntrySource> ordered = new ArrayList<>(sources.size());
    for (EntrySource source : sources) {
      int at = 0;
      while (at < ordered.size() && ordered.get(at).getOrdinal() > source.getOrdinal()) {
        at++;
      }
      if (at < ordered.size() && ordered.get(at).getOrdinal() == source.getOrdinal()) {
        throw new IllegalStateException("two layers share ordinal " + source.getOrdinal());
      }
      ordered.add(at, source);
    }
    this.sources = List.copyOf(ordered);
  }

  /**
   * The winning value of a variable, its origin, the origins it shadowed, and the first layer that set
   * it to an empty value which did not count (null if none).
   */
  public record Lookup(String value, String origin, EntrySource source, List<String> shadowed, String emptyAt, boolean emptyIsBlank) {}

  /**
   * Returns the winning value of {@code name}; null if no layer sets it, or, when {@code emptyIsUnset},
   * if every layer that sets it sets it empty (the result then has a null value and says where). A
   * blank {@code KEY=} line of a {@code .env} file counts as unset for every type.
   */
  public Lookup lookup(String name, boolean emptyIsUnset) {
    EntrySource winner = null;
    EntrySource.Candidate winning = null;
    String emptyAt = null;
    boolean emptyIsBlank = false;
    List<String> shadowed = List.of();
    for (EntrySource source : sources) {
      EntrySource.Candidate candidate = source.candidate(name);
      if (candidate == null) {
        continue;
      }
      if (winner == null && (emptyIsUnset || candidate.blank()) && candidate.value().isEmpty()) {
        if (emptyAt == null) {
          emptyAt = candidate.origin();
          emptyIsBlank = candidate.blank();
        }
        continue;
      }
      if (winner == null) {
        winner = source;
        winning = candidate;
      } else {
        if (shadowed.isEmpty()) {
          shadowed = new ArrayList<>(2);
        }
        shadowed.add(candidate.origin());
      }
    }
    if (winner == null) {
      return emptyAt == null ? null : new Lookup(null, null, null, List.of(), emptyAt, emptyIsBlank);
    }
    return new Lookup(winning.value(), winning.origin(), winner, shadowed, emptyAt, emptyIsBlank);
  }

  /** Returns the layers, highest precedence first. */
  public List<EntrySource> sources() {
    return sources;
  }
}
