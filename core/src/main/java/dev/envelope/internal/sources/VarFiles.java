package dev.envelope.internal.sources;

import dev.envelope.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code NAME} from the file that {@code NAME_FILE} points at: the Docker and Kubernetes
 * convention for secrets. One trailing newline is removed; setting both {@code NAME} and {@code
 * NAME_FILE}, or pointing at a file that cannot be read, is a problem.
 */
public final class VarFiles {
  public static final String SUFFIX = "_FILE";

  /**
   * A value read from a file.
   *
   * @param value the file's content, one trailing newline removed
   * @param origin {@code file /path}
   */
  public record FileValue(String value, String origin) {}

  private VarFiles() {}

  /**
   * Returns the value of {@code name} from its {@code NAME_FILE}, or null if there is none or it
   * cannot be used; in that case a problem is added to {@code problems} (when not null). The file is
   * read again only if it changed since {@code cache} (if not null) last saw it.
   */
  public static FileValue read(Map<String, String> environment, String name, List<Problem> problems, FileCache cache) {
    String pointer = environment.get(name + SUFFIX);
    if (pointer == null || pointer.isEmpty()) {
      return null;
    }
    String direct = environment.get(name);
    if (direct != null && !direct.isEmpty()) {
      report(problems, new Problem(name, Problem.Kind.INVALID,
          "both " + name + " and " + name + SUFFIX + " are set; set only one", "environment"));
      return null;
    }
    try {
      return new FileValue(trimNewline(content(Path.of(pointer), cache)), "file " + pointer);
    } catch (IOException | RuntimeException e) {
      report(problems, new Problem(name, Problem.Kind.INVALID,
          name + SUFFIX + " points at a file that cannot be read (" + e.getClass().getSimpleName() + ")",
          "file " + pointer));
      return null;
    }
  }

  /**
   * Returns {@code source}, a {@code .env} file's layer, with {@code NAME} read from the file that its
   * {@code NAME_FILE} entry names, for every declared {@code NAME}: the same convention as in the
   * environment, at the file's own precedence. A relative path is taken from {@code directory}, the
   * {@code .env} file's own. Setting both in one file, or naming a file that cannot be read, is a
   * problem.
   */
  public static EntrySource inDotEnv(EntrySource source, Set<String> declared, Path directory, List<Problem> problems,
      FileCache cache) {
    Map<String, EntrySource.Candidate> entries = null;
    for (String name : declared) {
      EntrySource.Candidate pointer = source.candidate(name + SUFFIX);
      if (pointer == null || pointer.value().isEmpty()) {
        continue;
      }
      if (entries == null) {
        entries = new LinkedHashMap<>(source.entries());
      }
      EntrySource.Candidate direct = source.candidate(name);
      if (direct != null && !direct.value().isEmpty()) {
        problems.add(new Problem(name, Problem.Kind.INVALID,
            "both " + name + " and " + name + SUFFIX + " are set; set only one", pointer.origin()));
        entries.remove(name);
        continue;
      }
      Path file = directory.resolve(pointer.value());
      String origin = "file " + pointer.value() + " (" + name + SUFFIX + " in " + pointer.origin() + ")";
      try {
        entries.put(name, new EntrySource.Candidate(trimNewline(content(file, cache)), origin, false));
      } catch (IOException | RuntimeException e) {
        problems.add(new Problem(name, Problem.Kind.INVALID,
            name + SUFFIX + " points at a file that cannot be read (" + e.getClass().getSimpleName() + ")",
            pointer.origin()));
      }
    }
    return entries == null ? source : new EntrySource(source.getName(), source.getOrdinal(), entries);
  }

  private static String content(Path file, FileCache cache) throws IOException {
    return cache == null ? Files.readString(file) : Text.cached(cache, file);
  }

  /** Reads a file as UTF-8 text for the cache of a live configuration. */
  private static final class Text implements FileCache.Reader<String> {
    static final Text READER = new Text();

    static String cached(FileCache cache, Path file) throws IOException {
      return cache.read(file, "text", READER);
    }

    @Override
    public String read(Path path) throws IOException {
      return Files.readString(path);
    }
  }

  private static String trimNewline(String content) {
    if (content.endsWith("\r\n")) {
      return content.substring(0, content.length() - 2);
    }
    return content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
  }

  private static void report(List<Problem> problems, Problem problem) {
    if (problems != null) {
      problems.add(problem);
    }
  }
}
