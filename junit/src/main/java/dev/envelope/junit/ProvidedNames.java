package dev.envelope.junit;

import dev.envelope.DotEnv;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Holds the variable names a deployment provides, with where they were read from, for {@link
 * EnvCoverage}. Only names are read, never values. Immutable.
 */
public final class ProvidedNames {
  private final Set<String> names;
  private final String source;
  private final List<String> unresolved;

  private ProvidedNames(Set<String> names, String source) {
    this(names, source, List.of());
  }

  private ProvidedNames(Set<String> names, String source, List<String> unresolved) {
    this.names = Collections.unmodifiableSet(new LinkedHashSet<>(names));
    this.source = source;
    this.unresolved = List.copyOf(unresolved);
  }

  /** Returns the names given. */
  public static ProvidedNames of(String... names) {
    return of(List.of(names));
  }

  /** Returns the names given. */
  public static ProvidedNames of(Collection<String> names) {
    return new ProvidedNames(new LinkedHashSet<>(names), "the given list");
  }

  /**
   * Returns the keys of a {@code .env}-style file (a {@code .env.example}, or a deployment's env
   * file), parsed with the {@code .env} rules; commented-out lines provide nothing.
   *
   * @throws UncheckedIOException if the file cannot be read
   * @throws IllegalArgumentException if a line is malformed; the message names the line
   */
  public static ProvidedNames fromDotEnv(Path file) {
    return new ProvidedNames(DotEnv.parse(file, Map.of()).keySet(), file.toString());
  }

  /**
   * Returns the names a Kubernetes manifest provides: the {@code name} of every container's {@code env}
   * entries, the keys an {@code envFrom} brings (with its {@code prefix}) from a Secret or ConfigMap
   * the manifest defines, the file names of mounted Secret volumes (their {@code items}' paths, else
   * the Secret's keys) mapped as envelope-kubernetes maps them ({@code db/password} is {@code
   * DB_PASSWORD}), and the {@code data}/{@code stringData} keys of a Secret or ConfigMap no workload in
   * it refers to. Any YAML style; several documents and {@code List}s. Only names are read, never
   * values. A reference to a Secret or ConfigMap not defined in it is listed in {@link #unresolved()};
   * read the files together with {@link #fromKubernetesManifests} when they are split.
   *
   * @throws UncheckedIOException if the file cannot be read
   * @throws IllegalArgumentException if it is not YAML (the message gives the position, not the text)
   */
  public static ProvidedNames fromKubernetesManifest(Path file) {
    return fromKubernetesManifests(List.of(file));
  }

  /**
   * Returns the names Kubernetes manifests provide, read together, so that a Deployment in one file
   * finds the keys of a Secret in another; see {@link #fromKubernetesManifest(Path)}.
   *
   * @throws UncheckedIOException if a file cannot be read
   * @throws IllegalArgumentException if one is not YAML
   */
  public static ProvidedNames fromKubernetesManifests(List<Path> files) {
    List<String> texts = new ArrayList<>();
    List<String> sources = new ArrayList<>();
    for (Path file : files) {
      texts.add(read(file, "Kubernetes manifest"));
      sources.add(file.toString());
    }
    KubernetesManifestNames read = KubernetesManifestNames.read(texts, sources);
    return new ProvidedNames(read.names(), String.join(" and ", sources), read.unresolved());
  }

  /**
   * Returns the names a Docker Compose file gives its services: the keys of each service's {@code
   * environment} (a map, or a list of {@code NAME=value} and {@code NAME}) and of its {@code env_file}s
   * (a path, a list, or the long syntax with {@code path} and {@code required: false}), read with
   * Compose's rules relative to the Compose file. Only names are read, never values.
   *
   * @throws UncheckedIOException if the file or a required env file cannot be read
   * @throws IllegalArgumentException if it is not a Compose file, or an env file has a malformed line
   */
  public static ProvidedNames fromComposeFile(Path file) {
    return new ProvidedNames(ComposeNames.read(file, null), file.toString());
  }

  /**
   * Returns the names a Docker Compose file gives {@code service} alone; see {@link #fromComposeFile(Path)}.
   *
   * @throws IllegalArgumentException also if the file has no such service
   */
  public static ProvidedNames fromComposeFile(Path file, String service) {
    return new ProvidedNames(ComposeNames.read(file, Objects.requireNonNull(service, "service")), file + " service " + service);
  }

  /**
   * Returns the names deployment files provide, read together: each a Compose file (a top-level {@code
   * services} map; {@code compose.yaml#api} for one service) or Kubernetes manifests, which are read
   * together; see {@link #fromComposeFile(Path)} and {@link #fromKubernetesManifests(List)}.
   *
   * @throws UncheckedIOException if a file cannot be read
   * @throws IllegalArgumentException if one is not YAML, or as the readers say
   */
  public static ProvidedNames fromDeploymentFiles(List<String> paths, Path basedir) {
    List<Path> manifests = new ArrayList<>();
    ProvidedNames compose = null;
    for (String path : paths) {
      int hash = path.lastIndexOf('#');
      Path file = basedir.resolve(hash < 0 ? path : path.substring(0, hash));
      String text = read(file, "deployment file");
      if (hash >= 0 || ComposeNames.isCompose(YamlDocuments.parse(text, file.toString()))) {
        ProvidedNames names = hash < 0 ? fromComposeFile(file) : fromComposeFile(file, path.substring(hash + 1));
        compose = compose == null ? names : compose.and(names);
      } else {
        manifests.add(file);
      }
    }
    ProvidedNames kubernetes = manifests.isEmpty() ? null : fromKubernetesManifests(manifests);
    if (compose == null || kubernetes == null) {
      return compose != null ? compose : kubernetes != null ? kubernetes : of(List.of());
    }
    return kubernetes.and(compose);
  }

  /** Returns the names the manifest text {@code yaml} provides; see {@link #fromKubernetesManifest(Path)}. */
  public static ProvidedNames fromKubernetesManifest(String yaml, String source) {
    Objects.requireNonNull(source, "source");
    KubernetesManifestNames read = KubernetesManifestNames.read(List.of(yaml), List.of(source));
    return new ProvidedNames(read.names(), source, read.unresolved());
  }

  static String read(Path file, String what) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the " + what + " " + file, e);
    }
  }

  /** Returns these names together with {@code other}'s, as one deployment made of several files. */
  public ProvidedNames and(ProvidedNames other) {
    Set<String> all = new LinkedHashSet<>(names);
    all.addAll(other.names);
    List<String> references = new ArrayList<>(unresolved);
    references.addAll(other.unresolved);
    return new ProvidedNames(all, source + " and " + other.source, references);
  }

  /** Returns the names, in the order they were read. */
  public Set<String> names() {
    return names;
  }

  /**
   * Returns the references whose names could not be read, because what they refer to is not in the
   * files read: {@code Secret app-secrets (envFrom of container app)}. Empty for other sources.
   */
  public List<String> unresolved() {
    return unresolved;
  }

  /** Returns where the names were read from: a file, several joined by {@code and}, or {@code the given list}. */
  public String source() {
    return source;
  }

  @Override
  public String toString() {
    return names.size() + " names from " + source;
  }
}
