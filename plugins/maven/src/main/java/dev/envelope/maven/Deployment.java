package dev.envelope.maven;

import dev.envelope.Profile;
import dev.envelope.junit.ProvidedNames;
import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The variable names a deployment provides in each profile, from the names declared in the POM, from
 * Kubernetes manifests and from env files. Only names are read, never values: the values are checked
 * where they are deployed.
 */
final class Deployment {
  private final Map<String, Set<String>> names = new LinkedHashMap<>();
  /** The files each profile's names were read from, to say where a missing one belongs. */
  private final Map<String, List<String>> files = new LinkedHashMap<>();
  /** References to Secrets and ConfigMaps that the manifests do not define, whose names are unknown. */
  private final List<String> unresolved = new ArrayList<>();

  /**
   * Reads the configuration: {@code provided} maps a profile to comma-separated names, {@code
   * manifests} and {@code envFiles} a profile to comma-separated paths relative to {@code basedir}:
   * Kubernetes manifests or Compose files ({@code compose.yaml#api} for one service), and env files a
   * deployment passes to the application, whose keys count as provided.
   *
   * @throws IllegalArgumentException if a profile name is not valid, or an env file has a malformed line
   * @throws java.io.UncheckedIOException if a file cannot be read
   */
  static Deployment of(Map<String, String> provided, Map<String, String> manifests, Map<String, String> envFiles, File basedir) {
    Deployment deployment = new Deployment();
    provided.forEach((profile, list) -> deployment.namesOf(profile).addAll(split(list)));
    manifests.forEach((profile, list) -> {
      // One profile's manifests are read together: a Deployment's envFrom may name a Secret in another file.
      ProvidedNames read = ProvidedNames.fromDeploymentFiles(split(list), basedir.toPath());
      deployment.namesOf(profile).addAll(read.names());
      for (String reference : read.unresolved()) {
        deployment.unresolved.add(canonical(profile) + ": " + reference);
      }
      deployment.files.computeIfAbsent(canonical(profile), p -> new ArrayList<>()).addAll(split(list));
    });
    envFiles.forEach((profile, list) -> {
      for (String path : split(list)) {
        File file = new File(path).isAbsolute() ? new File(path) : new File(basedir, path);
        deployment.namesOf(profile).addAll(ProvidedNames.fromDotEnv(file.toPath()).names());
        deployment.files.computeIfAbsent(canonical(profile), p -> new ArrayList<>()).add(path);
      }
    });
    return deployment;
  }

  /**
   * Returns the references whose names could not be read, by profile: {@code production: Secret
   * app-secrets (envFrom of container app)}.
   */
  List<String> unresolved() {
    return unresolved;
  }

  /** Returns the names provided in {@code profile}. */
  Set<String> names(String profile) {
    return names.getOrDefault(profile, Set.of());
  }

  /** Says where to set a variable that is missing in {@code profile}. */
  String whereToSet(String variable, String profile) {
    List<String> sources = files.get(profile);
    if (sources != null) {
      return "set " + variable + " for " + profile + " in " + String.join(" or ", sources) + " or your secret store";
    }
    return "set " + variable + " in .env." + profile + ", or declare it under <provided><" + profile
        + "> if the deployment provides it";
  }

  private Set<String> namesOf(String profile) {
    return names.computeIfAbsent(canonical(profile), p -> new LinkedHashSet<>());
  }

  private static String canonical(String profile) {
    return Profile.of(profile.strip()).name();
  }

  private static List<String> split(String list) {
    List<String> parts = new ArrayList<>();
    if (list == null) {
      return parts;
    }
    for (String part : list.split("[,\\s]+")) {
      if (!part.isEmpty()) {
        parts.add(part);
      }
    }
    return parts;
  }
}
