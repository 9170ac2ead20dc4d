package dev.envelope.junit;

import dev.envelope.Env;
import dev.envelope.EnvException;
import dev.envelope.Problem;
import dev.envelope.Resolution;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one load of an {@link EnvInput} with a hermetic builder. The values stand in for the process
 * environment; a {@code .env} content is written to a private temporary directory for the duration
 * of the load, so that it follows the real {@code .env} rules, and origins that name that directory
 * are shown with the file's own name instead.
 */
final class HermeticLoad {
  private HermeticLoad() {}

  /**
   * Loads {@code schema} from {@code input}.
   *
   * @throws EnvException if the input does not satisfy the schema
   */
  static <T extends Record> Resolution<T> resolve(Class<T> schema, EnvInput input) {
    Env.Builder builder = Env.builder().hermetic().noDiscoveredProviders().environment(input.valueMap());
    if (input.profileName() != null) {
      builder.profile(input.profileName());
    }
    if (input.dotEnv() == null) {
      return builder.resolve(schema);
    }
    Path directory = null;
    try {
      directory = Files.createTempDirectory("envelope-test-");
      Files.writeString(directory.resolve(".env"), input.dotEnv().text());
      builder.directory(directory);
      return builder.resolve(schema);
    } catch (EnvException e) {
      throw relabel(e, directory, input.dotEnv().label());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a temporary .env file for " + input.dotEnv().label(), e);
    } finally {
      deleteQuietly(directory);
    }
  }

  private static EnvException relabel(EnvException e, Path directory, String label) {
    String file = directory.resolve(".env").toString();
    String folder = directory.toString();
    List<Problem> problems = new ArrayList<>();
    for (Problem problem : e.problems()) {
      problems.add(
          new Problem(
              replace(problem.variable(), file, folder, label),
              problem.kind(),
              replace(problem.message(), file, folder, label),
              replace(problem.origin(), file, folder, label),
              replace(problem.hint(), file, folder, label)));
    }
    return new EnvException(e.schema(), e.profile(), problems);
  }

  private static String replace(String text, String file, String folder, String label) {
    return text.replace(file, label).replace(folder, "(directory of " + label + ")");
  }

  private static void deleteQuietly(Path directory) {
    if (directory == null) {
      return;
    }
    try {
      Files.deleteIfExists(directory.resolve(".env"));
      Files.deleteIfExists(directory);
    } catch (IOException e) {
      // A leftover temporary file does not change the outcome of the load; the OS cleans it up.
    }
  }
}
