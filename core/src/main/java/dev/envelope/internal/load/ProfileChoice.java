package dev.envelope.internal.load;

import dev.envelope.DotEnvSyntax;
import dev.envelope.Problem;
import dev.envelope.Profile;
import dev.envelope.internal.dotenv.DotEnvEntry;
import dev.envelope.internal.dotenv.DotEnvFiles;
import dev.envelope.internal.schema.Schema;
import dev.envelope.internal.sources.EntrySource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The profile stage of a load: chooses the profile, and checks the profile names that the schema and
 * the profile's files use. What is wrong goes to the load's source problems, and the load goes on in
 * {@code development} so that every other problem is listed too.
 */
final class ProfileChoice {
  private final LoadSettings settings;
  private final Map<String, String> environment;
  private final DotEnvFiles files;
  private final List<Problem> problems;

  /** Reads {@code APP_ENV} from {@code environment} and {@code files} (null if none), adding problems to {@code problems}. */
  ProfileChoice(LoadSettings settings, Map<String, String> environment, DotEnvFiles files, List<Problem> problems) {
    this.settings = settings;
    this.environment = environment;
    this.files = files;
    this.problems = problems;
  }

  /** The profile of a load and where it was chosen. */
  record Chosen(Profile profile, String origin) {}

  /** Returns the builder's syntax, else {@code ENVELOPE_DOTENV_SYNTAX} read as {@code APP_ENV} is. */
  static DotEnvSyntax syntax(LoadSettings settings, Map<String, String> environment, List<Problem> problems) {
    if (settings.dotEnvSyntax() != null) {
      return settings.dotEnvSyntax();
    }
    String text = settings.values().get(DotEnvSyntax.VARIABLE);
    String origin = "builder values";
    if (text == null || text.isEmpty()) {
      text = environment.get(DotEnvSyntax.VARIABLE);
      origin = "environment";
    }
    if (text == null || text.isEmpty()) {
      return DotEnvSyntax.DOTENV;
    }
    try {
      return DotEnvSyntax.of(text);
    } catch (IllegalArgumentException e) {
      problems.add(new Problem(DotEnvSyntax.VARIABLE, Problem.Kind.INVALID, e.getMessage(), origin));
      return DotEnvSyntax.DOTENV;
    }
  }

  /**
   * Chooses the profile: the builder's, else {@code APP_ENV} from the builder values, the
   * environment, {@code .env.local} or {@code .env} (the files a profile does not select). A name
   * that is malformed or not declared is a problem, and the load goes on in {@code development} so
   * that every other problem is listed too.
   */
  Chosen choose() {
    if (settings.profile() != null) {
      return new Chosen(settings.profile(), "builder");
    }
    String text = settings.values().get(Schema.PROFILE_VARIABLE);
    String origin = settings.valueOrigins().getOrDefault(Schema.PROFILE_VARIABLE, settings.valuesName());
    if (text == null || text.isEmpty()) {
      text = environment.get(Schema.PROFILE_VARIABLE);
      origin = "environment";
    }
    for (String file : List.of(".env.local", ".env")) {
      if ((text == null || text.isEmpty()) && files != null) {
        DotEnvEntry entry = files.peek(file, Schema.PROFILE_VARIABLE);
        if (entry != null) {
          text = entry.unexpandedValue();
          origin = files.display(file) + ":" + entry.line();
        }
      }
    }
    if (text == null || text.isEmpty()) {
      return new Chosen(Profile.DEVELOPMENT, "default");
    }
    Profile profile;
    try {
      profile = Profile.of(text);
    } catch (IllegalArgumentException e) {
      problems.add(new Problem(Schema.PROFILE_VARIABLE, Problem.Kind.INVALID,
          e.getMessage() + "; the rest was checked as in development", origin));
      return new Chosen(Profile.DEVELOPMENT, "default, as APP_ENV is invalid");
    }
    if (!settings.profiles().accepts(profile)) {
      String hint = settings.profiles().suggestion(text);
      problems.add(new Problem(Schema.PROFILE_VARIABLE, Problem.Kind.INVALID,
          "'" + text + "' is not a known profile (known: " + settings.profiles().known()
              + "); the rest was checked as in development",
          origin, hint.isEmpty() ? "declare a custom profile with Env.builder().profiles(\"" + profile.name() + "\")" : hint));
      return new Chosen(Profile.DEVELOPMENT, "default, as APP_ENV is invalid");
    }
    return new Chosen(profile, origin);
  }

  /** Returns a problem for each profile that {@code @RequiredIn} or {@code @DefaultIn} names but no one declared. */
  List<Problem> undeclared(Schema schema) {
    List<Problem> found = new ArrayList<>();
    for (Schema.Variable variable : schema.variables()) {
      Set<Profile> named = new LinkedHashSet<>(variable.requiredIn());
      for (Map.Entry<Profile, String> defaultIn : variable.defaultsIn().entrySet()) {
        named.add(defaultIn.getKey());
      }
      for (Profile profile : named) {
        if (!settings.profiles().accepts(profile)) {
          String hint = settings.profiles().suggestion(profile.name());
          found.add(new Problem(variable.name(), Problem.Kind.SCHEMA,
              "names the profile '" + profile.name() + "', which is not a known profile (known: "
                  + settings.profiles().known() + ")", "schema",
              hint.isEmpty() ? "declare it with Env.builder().profiles(\"" + profile.name() + "\")" : hint));
        }
      }
    }
    return found;
  }

  /** Adds a problem for each file the profile selected that sets {@code APP_ENV} to another profile. */
  void checkSelectedFiles(List<EntrySource> sources, Profile profile) {
    for (EntrySource source : sources) {
      EntrySource.Candidate chosen = source.candidate(Schema.PROFILE_VARIABLE);
      boolean selected = !source.getName().equals(files.display(".env"))
          && !source.getName().equals(files.display(".env.local"));
      if (selected && chosen != null && !chosen.value().isEmpty()) {
        Optional<Profile> other = parsed(chosen.value());
        if (other.isEmpty() || !other.get().equals(profile)) {
          problems.add(new Problem(Schema.PROFILE_VARIABLE, Problem.Kind.INVALID,
              "is set to '" + chosen.value() + "' in a file that profile " + profile + " selected, which cannot"
                  + " change the profile", chosen.origin(),
              "set APP_ENV in the environment, .env.local or .env"));
        }
      }
    }
  }

  private static Optional<Profile> parsed(String text) {
    try {
      return Optional.of(Profile.of(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
