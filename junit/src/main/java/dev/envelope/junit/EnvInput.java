package dev.envelope.junit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Describes the input of a hermetic test load: the profile, the variables of the simulated process
 * environment, and optionally the content of one {@code .env} file. Nothing else is read: not the real
 * environment, not the working directory's {@code .env} files, not {@code ENVELOPE_PROVIDERS}.
 *
 * <p>Immutable and thread-safe: every method returns a new input. {@link #toString()} names the
 * variables but never shows a value.
 */
public final class EnvInput {
  private final String profile;
  private final Map<String, String> values;
  private final DotEnvContent dotEnv;

  private EnvInput(String profile, Map<String, String> values, DotEnvContent dotEnv) {
    this.profile = profile;
    this.values = Collections.unmodifiableMap(values);
    this.dotEnv = dotEnv;
  }

  /** Returns an input for {@code profile} (aliases such as {@code prod} are accepted) with no values. */
  public static EnvInput profile(String profile) {
    return new EnvInput(Objects.requireNonNull(profile, "profile"), new LinkedHashMap<>(), null);
  }

  /**
   * Returns an input with no profile set, so that the loader takes it from {@code APP_ENV} among the
   * values, else {@code development}.
   */
  public static EnvInput noProfile() {
    return new EnvInput(null, new LinkedHashMap<>(), null);
  }

  /** Returns a copy with {@code name} set to {@code value}, replacing an earlier value. */
  public EnvInput value(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(values);
    copy.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return new EnvInput(profile, copy, dotEnv);
  }

  /** Returns a copy with every entry of {@code values} set, replacing earlier values. */
  public EnvInput values(Map<String, String> values) {
    Map<String, String> copy = new LinkedHashMap<>(this.values);
    values.forEach((name, value) -> copy.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value")));
    return new EnvInput(profile, copy, dotEnv);
  }

  /**
   * Returns a copy with values given as {@code "NAME=value"} strings (the value may contain {@code =}
   * and may be empty), as {@link EnvTest#values()} takes them.
   *
   * @throws IllegalArgumentException if a string has no {@code =} or no name; the message shows the
   *     name part only
   */
  public EnvInput values(String... assignments) {
    return values(Assignments.parse(assignments));
  }

  /**
   * Returns a copy that reads {@code file} as the {@code .env} file, with the rules of Envelope's
   * {@code .env} support (origins with line numbers, unknown-key warnings, no secrets from files in
   * production).
   *
   * @throws UncheckedIOException if the file cannot be read
   */
  public EnvInput dotEnvFile(Path file) {
    try {
      return new EnvInput(profile, new LinkedHashMap<>(values), new DotEnvContent(Files.readString(file), file.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the .env file " + file, e);
    }
  }

  /**
   * Returns a copy that reads the class path resource {@code name} as the {@code .env} file. The name
   * is resolved like {@link Class#getResource}: relative to {@code anchor}'s package, or from the root
   * of the class path when it starts with {@code /}.
   *
   * @throws IllegalArgumentException if there is no such resource
   */
  public EnvInput dotEnvResource(Class<?> anchor, String name) {
    try (InputStream in = anchor.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException(
            "no .env resource '" + name + "' on the class path (resolved against " + anchor.getName() + "; start the name with / for an absolute one)");
      }
      String content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return new EnvInput(profile, new LinkedHashMap<>(values), new DotEnvContent(content, name));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the .env resource " + name, e);
    }
  }

  /** Returns the profile, or null when the loader chooses it. */
  String profileName() {
    return profile;
  }

  Map<String, String> valueMap() {
    return values;
  }

  DotEnvContent dotEnv() {
    return dotEnv;
  }

  /** Returns the profile and the names of the values, never the values themselves. */
  @Override
  public String toString() {
    return "EnvInput[profile=" + (profile == null ? "(from APP_ENV)" : profile)
        + ", values for " + values.keySet()
        + (dotEnv == null ? "" : ", .env " + dotEnv.label())
        + "]";
  }

  /** The text of a {@code .env} file and how its origins are shown. */
  record DotEnvContent(String text, String label) {
    @Override
    public String toString() {
      return label;
    }
  }
}
