package dev.envelope.internal.dotenv;

import dev.envelope.DotEnvSyntax;
import dev.envelope.Problem;
import dev.envelope.Profile;
import dev.envelope.internal.sources.EntrySource;
import dev.envelope.internal.sources.FileCache;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads the {@code .env} files of a profile from one directory, highest precedence first: {@code
 * .env.{profile}.local}, {@code .env.local} (not in {@code test}, so tests do not depend on one
 * developer's machine), {@code .env.{profile}}, {@code .env}, where {@code {profile}} is the
 * profile's canonical name, then each of its aliases ({@code .env.production}, then {@code .env.prd}
 * and {@code .env.prod}). References are expanded across the merged files, the process environment
 * winning as in {@code dotenv-expand}.
 */
public final class DotEnvFiles {
  private final Path directory;
  private final DotEnvSyntax syntax;
  private final FileCache cache;
  private final Map<String, List<DotEnvEntry>> parsed = new HashMap<>();
  private final java.util.Set<String> present = new java.util.HashSet<>();
  private final List<Problem> problems = new ArrayList<>();
  private final List<Problem> warnings = new ArrayList<>();
  private final List<String> failed = new ArrayList<>();

  /** Creates a reader of the files in {@code directory}. */
  public DotEnvFiles(Path directory) {
    this(directory, DotEnvSyntax.DOTENV);
  }

  /** Creates a reader of the files in {@code directory} that reads them with {@code syntax}. */
  public DotEnvFiles(Path directory, DotEnvSyntax syntax) {
    this(directory, syntax, null);
  }

  /**
   * Creates a reader of the files in {@code directory} that reads them with {@code syntax}, and parses
   * only those that changed since {@code cache} last saw them (null: every file is parsed).
   */
  public DotEnvFiles(Path directory, DotEnvSyntax syntax, FileCache cache) {
    this.directory = directory;
    this.syntax = syntax;
    this.cache = cache;
  }

  /** Returns the file names of {@code profile}, highest precedence first. */
  public static List<String> fileNames(Profile profile) {
    List<String> names = new ArrayList<>(8);
    for (String name : profile.names()) {
      names.add(".env." + name + ".local");
    }
    if (!profile.equals(Profile.TEST)) {
      names.add(".env.local");
    }
    for (String name : profile.names()) {
      names.add(".env." + name);
    }
    names.add(".env");
    return names;
  }

  /**
   * Returns the {@code .env.*} files of the directory that {@code profile} does not read, other than
   * templates ({@code .env.example}, {@code .sample}, {@code .template}, {@code .dist}): a file named
   * for another profile's alias, or misspelt, explains a variable that is missing.
   */
  public List<String> unread(Profile profile) {
    String[] listed = directory.toFile().list();
    if (listed == null) {
      return List.of();
    }
    List<String> read = fileNames(profile);
    List<String> unread = new ArrayList<>();
    for (String file : listed) {
      if (file.startsWith(".env.") && !read.contains(file) && !isTemplate(file)
          && Files.isRegularFile(directory.resolve(file))) {
        unread.add(file);
      }
    }
    java.util.Collections.sort(unread);
    return unread;
  }

  private static boolean isTemplate(String file) {
    return file.endsWith(".example") || file.endsWith(".sample") || file.endsWith(".template")
        || file.endsWith(".dist") || file.endsWith(".defaults") || file.endsWith(".keys") || file.endsWith(".vault");
  }

  /** Returns the files, as shown in origins, that could not be read or parsed: none of their values count. */
  public List<String> failed() {
    return failed;
  }

  /**
   * Returns the last entry for {@code key} in {@code file}, unexpanded, or null; used to read {@code
   * APP_ENV} from {@code .env} before the profile (and so the rest of the file set) is known.
   */
  public DotEnvEntry peek(String file, String key) {
    DotEnvEntry found = null;
    for (DotEnvEntry entry : entries(file)) {
      if (entry.key().equals(key)) {
        found = entry;
      }
    }
    return found;
  }

  /** Returns how {@code file} is named in origins: its path as the user gave the directory. */
  public String display(String file) {
    return directory.resolve(file).toString();
  }

  /**
   * Returns one source per existing file of {@code profile}, highest first, with ordinals counting
   * down from {@code firstOrdinal}; values of winning entries are expanded.
   */
  public List<EntrySource> sources(Profile profile, int firstOrdinal, Function<String, String> environment) {
    Map<String, List<DotEnvEntry>> existing = new LinkedHashMap<>();
    for (String file : fileNames(profile)) {
      List<DotEnvEntry> entries = entries(file);
      if (present.contains(file)) {
        existing.put(display(file), entries);
      }
    }
    DotEnvExpansion expansion;
    try {
      expansion = DotEnvExpansion.of(syntax, existing, environment);
    } catch (DotEnvSyntaxException e) {
      problems.add(syntaxProblem(e));
      failed.addAll(existing.keySet());
      return List.of();
    }
    for (DotEnvIssue issue : expansion.problems()) {
      problems.add(issue.toProblem());
    }
    for (DotEnvIssue issue : expansion.warnings()) {
      warnings.add(issue.toProblem());
    }
    List<EntrySource> sources = new ArrayList<>(existing.size());
    int ordinal = firstOrdinal;
    for (Map.Entry<String, List<DotEnvEntry>> file : existing.entrySet()) {
      String shown = file.getKey();
      // The last entry of a key wins within a file; a blank one (KEY=) leaves the key unset.
      Map<String, Boolean> blank = new HashMap<>();
      for (DotEnvEntry entry : file.getValue()) {
        blank.put(entry.key(), entry.blank());
      }
      Map<String, EntrySource.Candidate> candidates = new LinkedHashMap<>();
      for (Map.Entry<String, DotEnvExpansion.Value> entry : expansion.values(shown).entrySet()) {
        DotEnvExpansion.Value value = entry.getValue();
        boolean unset = Boolean.TRUE.equals(blank.get(entry.getKey())) && value.value().isEmpty();
        candidates.put(entry.getKey(), new EntrySource.Candidate(value.value(), shown + ":" + value.line(), true, false, unset));
      }
      sources.add(new EntrySource(shown, ordinal--, candidates));
    }
    return sources;
  }

  /**
   * Returns the warnings met: entries that refer to a name set nowhere, which expand to empty (an
   * error in strict mode).
   */
  public List<Problem> warnings() {
    return warnings;
  }

  /** Returns the problems met: unreadable or malformed files, reference cycles. */
  public List<Problem> problems() {
    return problems;
  }

  private List<DotEnvEntry> entries(String file) {
    List<DotEnvEntry> cached = parsed.get(file);
    if (cached != null) {
      return cached;
    }
    Path path = directory.resolve(file);
    List<DotEnvEntry> entries = List.of();
    if (!Files.isRegularFile(path)) {
      parsed.put(file, entries);
      return entries;
    }
    present.add(file);
    try {
      entries = cache == null
          ? parse(path, display(file), syntax)
          : Parse.cached(cache, path, display(file), syntax);
    } catch (CharacterCodingException e) {
      failed.add(display(file));
      problems.add(new Problem(display(file), Problem.Kind.INVALID, "is not valid UTF-8 text", display(file)));
    } catch (IOException e) {
      if (Files.exists(path)) {
        failed.add(display(file));
        problems.add(new Problem(display(file), Problem.Kind.INVALID, "cannot be read: " + e, display(file)));
      }
    } catch (DotEnvSyntaxException e) {
      failed.add(display(file));
      problems.add(syntaxProblem(e));
    }
    parsed.put(file, entries);
    return entries;
  }

  private static List<DotEnvEntry> parse(Path path, String shown, DotEnvSyntax syntax) throws IOException {
    return List.copyOf(DotEnvParser.parse(readUtf8(path), shown, syntax));
  }

  /**
   * Reads and parses one file for the cache of a live configuration; a one-off load, without a
   * cache, never loads this class or the cache's.
   */
  private static final class Parse implements FileCache.Reader<List<DotEnvEntry>> {
    private final String shown;
    private final DotEnvSyntax syntax;

    static List<DotEnvEntry> cached(FileCache cache, Path path, String shown, DotEnvSyntax syntax) throws IOException {
      return cache.read(path, "dotenv " + syntax, new Parse(shown, syntax));
    }

    Parse(String shown, DotEnvSyntax syntax) {
      this.shown = shown;
      this.syntax = syntax;
    }

    @Override
    public List<DotEnvEntry> read(Path path) throws IOException {
      return parse(path, shown, syntax);
    }
  }

  /**
   * Reads a file as strict UTF-8 (malformed input is an error, not a replacement character).
   */
  private static String readUtf8(Path path) throws IOException {
    byte[] bytes;
    try (FileInputStream in = new FileInputStream(path.toFile())) {
      bytes = in.readAllBytes();
    }
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes))
        .toString();
  }

  private static Problem syntaxProblem(DotEnvSyntaxException e) {
    String prefix = e.source() + ":" + e.line() + ": ";
    String detail = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
    String variable = e.key() != null ? e.key() : e.source();
    return new Problem(variable, Problem.Kind.INVALID, detail, e.source() + ":" + e.line());
  }
}
