package dev.envelope.internal.load;

import dev.envelope.Problem;
import dev.envelope.Profile;
import dev.envelope.internal.dotenv.DotEnvFiles;
import dev.envelope.internal.sources.EntrySource;
import dev.envelope.spi.EnvProvider;
import dev.envelope.spi.ProviderSnapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Words where a load looked for a missing variable: the layers in order, what each provider said it
 * tried, the sources that could not be read, and the {@code .env.*} files the profile does not read.
 */
final class LookedIn {
  private final Map<String, String> values;
  private final String valuesName;
  private final DotEnvFiles files;
  private final Path directory;
  private final List<String> unread;
  private final Map<EnvProvider, ProviderSnapshot> snapshots;

  /**
   * Describes the load's sources; {@code unread} (sources that failed as a whole) and {@code
   * snapshots} (each provider's answer) are the load's own, read when a text is asked for.
   */
  LookedIn(Map<String, String> values, String valuesName, DotEnvFiles files, Path directory, List<String> unread,
      Map<EnvProvider, ProviderSnapshot> snapshots) {
    this.values = values;
    this.valuesName = valuesName;
    this.files = files;
    this.directory = directory;
    this.unread = unread;
    this.snapshots = snapshots;
  }

  /**
   * Returns the "looked in" list of the declared variables for which a provider said where it looked
   * ({@link ProviderSnapshot#lookedFor}), such as the Key Vault secret it tried.
   */
  Map<String, String> perVariable(List<EnvProvider> providers, List<EntrySource> fileSources, Profile profile,
      Set<String> declared) {
    Map<String, String> lookedInFor = new HashMap<>();
    for (String name : declared) {
      Map<EnvProvider, String> details = null;
      for (EnvProvider provider : providers) {
        ProviderSnapshot snapshot = snapshots.get(provider);
        String where = snapshot == null ? "" : snapshot.lookedFor(name);
        if (!where.isEmpty()) {
          details = details == null ? new HashMap<>() : details;
          details.put(provider, where);
        }
      }
      if (details != null) {
        lookedInFor.put(name, text(providers, fileSources, profile, details));
      }
    }
    return lookedInFor;
  }

  /**
   * Returns where a missing variable was looked for, with what each provider in {@code details} said
   * it tried, and which sources could not be read.
   */
  String text(List<EnvProvider> providers, List<EntrySource> fileSources, Profile profile,
      Map<EnvProvider, String> details) {
    List<String> places = new ArrayList<>();
    if (!values.isEmpty()) {
      places.add(valuesName);
    }
    places.add("environment");
    for (EnvProvider provider : providers) {
      String where = details.get(provider);
      places.add(where == null ? provider.name() : provider.name() + " (" + where + ")");
    }
    for (EntrySource source : fileSources) {
      places.add(source.getName());
    }
    if (files != null && fileSources.isEmpty()) {
      places.add("no .env files for " + profile + " in " + directory.toAbsolutePath().normalize());
    }
    String text = String.join(", ", places);
    if (!unread.isEmpty()) {
      text += "; not read: " + String.join(", ", unread);
    }
    return text;
  }

  /**
   * Adds to each missing variable's origin the {@code .env.*} files of the directory that the profile
   * does not read: a file named for another profile, or misspelt, is the usual reason. Lists the
   * directory only when something is missing.
   */
  List<Problem> withUnreadFiles(List<Problem> found, Profile profile) {
    if (files == null) {
      return found;
    }
    List<String> other = null;
    List<Problem> result = new ArrayList<>(found.size());
    for (Problem problem : found) {
      if (problem.kind() == Problem.Kind.MISSING) {
        if (other == null) {
          other = files.unread(profile);
        }
        if (!other.isEmpty()) {
          problem = new Problem(problem.variable(), problem.kind(), problem.message(), problem.origin() + "; found "
              + String.join(", ", other) + ", not read in profile " + profile + " (it reads "
              + String.join(", ", DotEnvFiles.fileNames(profile)) + ")", problem.hint());
        }
      }
      result.add(problem);
    }
    return result;
  }
}
