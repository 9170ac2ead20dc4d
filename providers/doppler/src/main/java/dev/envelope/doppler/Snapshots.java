package dev.envelope.doppler;

import dev.envelope.spi.ProviderSnapshot;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Turns downloaded secrets into a snapshot with origins that name the project and config. */
final class Snapshots {
  /** Keys Doppler adds to every config by itself; never reported as unknown. */
  static final Set<String> COMPUTED = Set.of("DOPPLER_PROJECT", "DOPPLER_CONFIG", "DOPPLER_ENVIRONMENT");

  private Snapshots() {}

  /**
   * Returns {@code doppler api/prd}: the project and config named by the request, else those Doppler
   * reported in the download's computed keys, else just {@code doppler}.
   */
  static String origin(DopplerTarget target, Map<String, String> secrets) {
    String project = target.project() != null ? target.project() : secrets.get("DOPPLER_PROJECT");
    String config = target.config() != null ? target.config() : secrets.get("DOPPLER_CONFIG");
    if (project != null && config != null) {
      return "doppler " + project + "/" + config;
    }
    return "doppler";
  }

  /**
   * Returns a snapshot of {@code secrets}, each from {@code origin}, Doppler's own keys computed, with
   * {@code version} as its token (empty for one that must not be used for a conditional request).
   */
  static ProviderSnapshot of(Map<String, String> secrets, String origin, String note, String version) {
    ProviderSnapshot.Builder snapshot = ProviderSnapshot.builder().note(note).version(version);
    for (Map.Entry<String, String> secret : secrets.entrySet()) {
      if (COMPUTED.contains(secret.getKey())) {
        snapshot.computed(secret.getKey(), secret.getValue(), origin);
      } else {
        snapshot.put(secret.getKey(), secret.getValue(), origin);
      }
    }
    return snapshot.build();
  }

  /** Returns the secrets of a snapshot made by {@link #of}, in Doppler's order. */
  static Map<String, String> secrets(ProviderSnapshot snapshot) {
    Map<String, String> secrets = new LinkedHashMap<>();
    for (ProviderSnapshot.Entry entry : snapshot.entries()) {
      secrets.put(entry.name(), entry.value());
    }
    return secrets;
  }

  /** Returns an age for people: {@code 45 s}, {@code 12 min}, {@code 3 h}, {@code 2 d}. */
  static String age(Duration age) {
    long seconds = Math.max(0, age.toSeconds());
    if (seconds < 120) {
      return seconds + " s";
    }
    if (seconds < 2 * 3600) {
      return seconds / 60 + " min";
    }
    if (seconds < 2 * 86400) {
      return seconds / 3600 + " h";
    }
    return seconds / 86400 + " d";
  }
}
