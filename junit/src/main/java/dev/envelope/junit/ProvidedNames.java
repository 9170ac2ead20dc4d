package dev.envelope.junit;

import dev.envelope.DotEnv;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

  private ProvidedNames(Set<String> names, String source) {
    this.names = Collections.unmodifiableSet(new LinkedHashSet<>(names));
    this.source = source;
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
   * Returns the names a Kubernetes manifest provides: the keys of {@code data:} and {@code stringData:}
   * in its {@code Secret} and {@code ConfigMap} documents, and the {@code name:} of every {@code env:}
   * entry. The manifest is read line by line, not by a YAML parser: block style as {@code kubectl} and
   * Helm write it, several documents, comments and quoted keys are understood; flow style ({@code env:
   * [{name: A}]}) and {@code envFrom} prefixes are not.
   *
   * @throws UncheckedIOException if the file cannot be read
   */
  public static ProvidedNames fromKubernetesManifest(Path file) {
    try {
      return fromKubernetesManifest(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Kubernetes manifest " + file, e);
    }
  }

  /** Returns the names the manifest text {@code yaml} provides; see {@link #fromKubernetesManifest(Path)}. */
  public static ProvidedNames fromKubernetesManifest(String yaml, String source) {
    return new ProvidedNames(KubernetesManifestNames.read(yaml), Objects.requireNonNull(source, "source"));
  }

  /** Returns these names together with {@code other}'s, as one deployment made of several files. */
  public ProvidedNames and(ProvidedNames other) {
    Set<String> all = new LinkedHashSet<>(names);
    all.addAll(other.names);
    return new ProvidedNames(all, source + " and " + other.source);
  }

  /** Returns the names, in the order they were read. */
  public Set<String> names() {
    return names;
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
