package dev.envelope.junit;

import dev.envelope.DotEnv;
import dev.envelope.DotEnvSyntax;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the variable names a Docker Compose file gives its services: the keys of {@code environment}
 * (a map, or a list of {@code NAME=value} and {@code NAME}), and the keys of each {@code env_file}
 * (a path, a list of paths, or the long syntax with {@code path} and {@code required}), read with
 * Compose's {@code .env} rules from the Compose file's directory. Only names are read, never values.
 */
final class ComposeNames {
  private ComposeNames() {}

  /** Returns whether {@code document} is a Compose file: its top level has a {@code services} map. */
  static boolean isCompose(List<Object> documents) {
    return documents.size() == 1 && documents.get(0) instanceof Map<?, ?> map && map.get("services") instanceof Map<?, ?>;
  }

  /**
   * Returns the names of {@code service} (every service's if null) in the Compose file {@code file}.
   *
   * @throws IllegalArgumentException if the file is not a Compose file, the service is not in it, or an
   *     env file has a malformed line
   * @throws UncheckedIOException if a required env file cannot be read
   */
  static Set<String> read(Path file, String service) {
    List<Object> documents = YamlDocuments.parse(ProvidedNames.read(file, "Compose file"), file.toString());
    if (!isCompose(documents)) {
      throw new IllegalArgumentException(file + " is not a Compose file: it has no top-level services");
    }
    Map<?, ?> services = (Map<?, ?>) ((Map<?, ?>) documents.get(0)).get("services");
    if (service != null && !services.containsKey(service)) {
      throw new IllegalArgumentException(file + " has no service " + service + " (services: " + services.keySet() + ")");
    }
    Set<String> names = new LinkedHashSet<>();
    Path directory = file.toAbsolutePath().getParent();
    for (Map.Entry<?, ?> entry : services.entrySet()) {
      if (service == null || service.equals(String.valueOf(entry.getKey()))) {
        Map<?, ?> definition = entry.getValue() instanceof Map<?, ?> map ? map : Map.of();
        String where = file + " service " + entry.getKey();
        envFiles(definition.get("env_file"), directory, where, names);
        environment(definition.get("environment"), names);
      }
    }
    return names;
  }

  private static void environment(Object environment, Set<String> names) {
    if (environment instanceof Map<?, ?> map) {
      for (Object key : map.keySet()) {
        names.add(String.valueOf(key));
      }
    } else if (environment instanceof List<?> list) {
      for (Object item : list) {
        String text = String.valueOf(item);
        int equals = text.indexOf('=');
        String name = (equals < 0 ? text : text.substring(0, equals)).strip();
        if (!name.isEmpty()) {
          names.add(name);
        }
      }
    }
  }

  private static void envFiles(Object envFile, Path directory, String where, Set<String> names) {
    List<?> entries = envFile instanceof List<?> list ? list : envFile == null ? List.of() : List.of(envFile);
    for (Object entry : entries) {
      String path;
      boolean required = true;
      if (entry instanceof Map<?, ?> longSyntax) {
        path = longSyntax.get("path") == null ? null : String.valueOf(longSyntax.get("path"));
        required = !"false".equals(String.valueOf(longSyntax.get("required")));
      } else {
        path = String.valueOf(entry);
      }
      if (path == null) {
        throw new IllegalArgumentException(where + ": an env_file entry has no path");
      }
      Path file = directory.resolve(path);
      if (!Files.exists(file)) {
        if (required) {
          throw new UncheckedIOException("cannot read the env_file " + path + " of " + where, new NoSuchFileException(file.toString()));
        }
        continue;
      }
      names.addAll(DotEnv.parse(file, Map.of(), DotEnvSyntax.COMPOSE).keySet());
    }
  }
}
