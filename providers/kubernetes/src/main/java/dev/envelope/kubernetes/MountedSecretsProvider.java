package dev.envelope.kubernetes;

import dev.envelope.spi.EnvProvider;
import dev.envelope.spi.ProviderException;
import dev.envelope.spi.ProviderRequest;
import dev.envelope.spi.ProviderSnapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * Reads secrets mounted as files: a Kubernetes Secret volume, Docker's {@code /run/secrets}, or any
 * directory with one file per secret. Each file is one variable: its path relative to the
 * directory, mapped by a {@link KeyMapping} and prefixed, is the variable's name ({@code db-password}
 * becomes {@code DB_PASSWORD}, and a nested item path {@code db/password} too), its content the
 * value, and its path the origin. Subdirectories are read up to {@value MountedDirectory#MAX_DEPTH}
 * levels deep.
 *
 * <p>Content is read exactly and decoded as UTF-8; one trailing newline is removed unless {@linkplain
 * Builder#trimTrailingNewline turned off}. An empty file is an empty value, not an error. A Kubernetes volume is read as one consistent version even
 * while the kubelet updates it. Entries whose names start with {@code ..} are the kubelet's own and
 * are skipped. When several directories give the same variable, the first directory listed wins.
 *
 * <p>Instances are immutable and thread-safe; the directories are read at every fetch, so a load
 * after a Secret update sees the new values. A {@linkplain dev.envelope.LiveEnv live configuration}
 * {@linkplain #watch watches} them and refreshes within about a second of an update. Builders are
 * not thread-safe.
 */
public final class MountedSecretsProvider implements EnvProvider {
  private final List<Path> directories;
  private final KeyMapping keyMapping;
  private final String prefix;
  private final boolean trimTrailingNewline;
  private final boolean optional;
  private final int maxAttempts;

  private MountedSecretsProvider(Builder builder) {
    this.directories = List.copyOf(builder.directories);
    this.keyMapping = builder.keyMapping;
    this.prefix = builder.prefix;
    this.trimTrailingNewline = builder.trimTrailingNewline;
    this.optional = builder.optional;
    this.maxAttempts = builder.maxAttempts;
  }

  /** Returns a provider for {@code directory} with the default settings. */
  public static MountedSecretsProvider of(Path directory) {
    return builder().directory(directory).build();
  }

  /** Returns a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns {@code k8s-mount} and the directories, for example {@code k8s-mount /var/run/secrets/app}. */
  @Override
  public String name() {
    StringJoiner names = new StringJoiner(", ", "k8s-mount ", "");
    for (Path directory : directories) {
      names.add(directory.toString());
    }
    return names.toString();
  }

  /**
   * Returns one entry per file of the directories, with the file's path as origin. On a refresh,
   * returns the previous snapshot if every directory is a Kubernetes volume whose {@code ..data} link
   * still points at the same version.
   *
   * @throws ProviderException if a directory is missing and not optional, a file is not UTF-8
   *     or unreadable, two files of one directory map to the same variable, or a volume kept changing
   *     while being read; the message names the path
   */
  @Override
  public ProviderSnapshot fetch(ProviderRequest request) throws ProviderException {
    // A refresh of Kubernetes volumes whose ..data links have not moved costs one readlink each.
    String version = version();
    if (version != null && request.previous().isPresent() && version.equals(request.previous().get().version())) {
      return request.previous().get();
    }
    Map<String, ProviderSnapshot.Entry> entries = new LinkedHashMap<>();
    for (Path directory : directories) {
      KeyedEntries fromDirectory = new KeyedEntries(keyMapping, prefix, trimTrailingNewline);
      for (MountedDirectory.KeyFile file : new MountedDirectory(directory, optional, maxAttempts).read()) {
        String path = file.path().toString();
        fromDirectory.add(file.key(), file.content(), path, path);
      }
      for (ProviderSnapshot.Entry entry : fromDirectory.entries()) {
        entries.putIfAbsent(entry.name(), entry);
      }
    }
    ProviderSnapshot.Builder snapshot = ProviderSnapshot.builder();
    for (ProviderSnapshot.Entry entry : entries.values()) {
      snapshot.put(entry.name(), entry.value(), entry.origin());
    }
    // Read before the content: a swap in between labels new content with the old version, which
    // costs the next refresh a full read, never a missed update.
    if (version != null) {
      snapshot.version(version);
    }
    return snapshot.build();
  }

  /**
   * Returns the versions of the directories' content, or null if one of them is a plain directory
   * (Docker's {@code /run/secrets}), which only a full read can compare.
   */
  private String version() {
    StringJoiner versions = new StringJoiner(" ");
    for (Path directory : directories) {
      String version = new MountedDirectory(directory, optional, maxAttempts).version();
      if (version == null) {
        return null;
      }
      versions.add(version);
    }
    return versions.toString();
  }

  /**
   * Watches the directories for updates: the kubelet's swap of a volume's {@code ..data} link, a file
   * of a plain directory created, replaced, written or removed, a directory removed or (re)created.
   * {@code changed} is called on the watch's own thread ({@code envelope-watch k8s-mount ...}) once
   * per update, after its last event; the returned watch ends that thread when closed. A change the
   * file system does not report (a host edit of a file bind-mounted into a container, a network file
   * system) is found by the refresh interval.
   *
   * @throws java.io.IOException if the file system cannot watch directories; the provider is then
   *     polled at the refresh interval only
   */
  @Override
  public AutoCloseable watch(ProviderRequest request, Runnable changed) throws java.io.IOException {
    return DirectoryWatch.start(directories, "envelope-watch " + name(), changed);
  }

  /** Returns the provider's name; never a value. */
  @Override
  public String toString() {
    return "MountedSecretsProvider[" + name() + "]";
  }

  /** Configures a {@link MountedSecretsProvider}. Not thread-safe. */
  public static final class Builder {
    private final List<Path> directories = new ArrayList<>();
    private KeyMapping keyMapping = KeyMapping.ENVIRONMENT_STYLE;
    private String prefix = "";
    private boolean trimTrailingNewline = true;
    private boolean optional;
    private int maxAttempts = 5;

    private Builder() {}

    /**
     * Adds a directory to read, for example {@code /var/run/secrets/app} or {@code /run/secrets}.
     * Directories listed earlier win when two give the same variable.
     */
    public Builder directory(Path directory) {
      directories.add(Objects.requireNonNull(directory, "directory"));
      return this;
    }

    /**
     * Sets how file names become variable names; default {@link KeyMapping#ENVIRONMENT_STYLE} ({@code
     * db-password} to {@code DB_PASSWORD}).
     */
    public Builder keyMapping(KeyMapping keyMapping) {
      this.keyMapping = Objects.requireNonNull(keyMapping, "keyMapping");
      return this;
    }

    /** Sets a prefix put before every mapped name, for example {@code APP_}; none by default. */
    public Builder prefix(String prefix) {
      this.prefix = Objects.requireNonNull(prefix, "prefix");
      return this;
    }

    /**
     * Sets whether one trailing newline ({@code \n} or {@code \r\n}) is removed from each value, as
     * {@code echo > file} and most editors add one; on by default.
     */
    public Builder trimTrailingNewline(boolean trim) {
      this.trimTrailingNewline = trim;
      return this;
    }

    /**
     * Makes a missing directory yield no variables instead of failing the load, for a volume that is
     * mounted in some deployments only. By default a missing directory is an error.
     */
    public Builder optional() {
      this.optional = true;
      return this;
    }

    /** Sets how many times a volume that changes while being read is read again; default 5. */
    Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * Returns the provider.
     *
     * @throws IllegalStateException if no directory was added
     */
    public MountedSecretsProvider build() {
      if (directories.isEmpty()) {
        throw new IllegalStateException("add at least one directory");
      }
      return new MountedSecretsProvider(this);
    }
  }
}
