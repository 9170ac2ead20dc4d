package dev.envelope.maven;

import dev.envelope.EnvDocs;
import dev.envelope.EnvException;
import dev.envelope.Profile;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Checks every configured schema in every profile from the project's committed {@code .env} files
 * and what the deployment declares it provides, without contacting a provider or reading a secret:
 * logs each profile's problem table, writes the JSON report, and fails the build when a profile is
 * missing or has an invalid variable, or when a generated file has drifted from the schema.
 */
@Mojo(
    name = "check",
    defaultPhase = LifecyclePhase.VERIFY,
    requiresDependencyResolution = ResolutionScope.TEST,
    threadSafe = true)
public final class CheckMojo extends AbstractEnvelopeMojo {
  /** The standard profiles, always checked unless {@code profiles} is set. */
  static final List<String> STANDARD = List.of("development", "test", "staging", "production");

  /**
   * The profiles to check; by default every profile the schema names in {@code @RequiredIn} or
   * {@code @DefaultIn}, and development, test, staging and production.
   */
  @Parameter(property = "envelope.profiles")
  List<String> profiles = new ArrayList<>();

  /** The directory of the committed {@code .env}, {@code .env.<profile>} files. */
  @Parameter(property = "envelope.directory", defaultValue = "${project.basedir}")
  File directory;

  /**
   * The variables the deployment provides, by profile, as comma-separated names: {@code
   * <provided><production>JWT_SECRET, DATABASE_URL</production></provided>}.
   */
  @Parameter
  Map<String, String> provided = new LinkedHashMap<>();

  /**
   * Deployment files that provide variables, by profile, as comma-separated paths relative to the
   * project: {@code <manifests><production>k8s/deployment.yaml</production></manifests>}. Kubernetes
   * manifests (read together): containers' {@code env} names, what {@code envFrom} brings from their
   * Secrets and ConfigMaps (with its prefix), mounted Secret volumes' files, and the keys of Secrets
   * and ConfigMaps nothing refers to. Docker Compose files (a top-level {@code services}; {@code
   * compose.yaml#api} for one service): {@code environment} and {@code env_file} keys.
   */
  @Parameter
  Map<String, String> manifests = new LinkedHashMap<>();

  /**
   * Env files the deployment passes to the application, by profile, as comma-separated paths relative
   * to the project (a Compose file's {@code env_file}): their keys count as provided.
   */
  @Parameter
  Map<String, String> envFiles = new LinkedHashMap<>();

  /** Whether problems fail the build; when false they are logged and written to the report only. */
  @Parameter(property = "envelope.failOnProblems", defaultValue = "true")
  boolean failOnProblems;

  /** Whether a committed {@code .env.example} or Markdown reference that has drifted fails the check. */
  @Parameter(property = "envelope.checkGeneratedFiles", defaultValue = "true")
  boolean checkGeneratedFiles;

  /** Where the JSON report is written. */
  @Parameter(property = "envelope.reportFile", defaultValue = "${project.build.directory}/envelope/report.json")
  File reportFile;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Envelope: skipped");
      return;
    }
    List<ProfileCheck.Outcome> outcomes = new ArrayList<>();
    List<String> drift = new ArrayList<>();
    Deployment deployment;
    try {
      deployment = Deployment.of(provided, manifests, envFiles, project.getBasedir());
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw new MojoExecutionException("cannot read the deployment's names: " + e.getMessage(), e);
    }
    for (String reference : deployment.unresolved()) {
      getLog().warn("Envelope: " + reference + " is not defined in the manifests, so the names it provides are"
          + " unknown: add its file to <manifests>, or list its names under <provided>");
    }
    try (URLClassLoader loader = projectClassLoader()) {
      withContextLoader(loader, () -> {
        for (Class<? extends Record> schema : schemaClasses(loader)) {
          for (String profile : profilesOf(schema)) {
            outcomes.add(ProfileCheck.run(schema, profile, directory.toPath(), deployment));
          }
        }
        if (checkGeneratedFiles) {
          drift.addAll(drift(loader));
        }
        return null;
      });
    } catch (IOException e) {
      throw new MojoExecutionException("cannot close the project's class loader", e);
    }
    writeReport(outcomes);
    fail(outcomes, drift);
  }

  /** Returns the configured profiles, or the ones the schema names followed by the standard ones. */
  List<String> profilesOf(Class<? extends Record> schema) throws MojoExecutionException {
    Set<String> names = new LinkedHashSet<>();
    try {
      if (!profiles.isEmpty()) {
        profiles.forEach(profile -> names.add(Profile.of(profile.strip()).name()));
        return List.copyOf(names);
      }
      names.addAll(STANDARD);
      names.addAll(EnvDocs.namedProfiles(schema));
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException("invalid <profiles>: " + e.getMessage(), e);
    } catch (EnvException e) {
      throw new MojoExecutionException("the schema " + schema.getName() + " is not usable:\n" + e.getMessage(), e);
    }
    return List.copyOf(names);
  }

  private List<String> drift(ClassLoader loader) throws MojoExecutionException {
    try {
      return GeneratedFiles.of(docsSchemaClass(loader), dotEnvExample, markdownReference).drift();
    } catch (IOException e) {
      throw new MojoExecutionException("cannot read the generated files: " + e.getMessage(), e);
    } catch (EnvException e) {
      throw new MojoExecutionException("the schema of the generated files is not usable:\n" + e.getMessage(), e);
    }
  }

  private void writeReport(List<ProfileCheck.Outcome> outcomes) throws MojoExecutionException {
    Path file = reportFile.toPath();
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, ReportFile.render(outcomes));
    } catch (IOException e) {
      throw new MojoExecutionException("cannot write the report " + file + ": " + e.getMessage(), e);
    }
  }

  private void fail(List<ProfileCheck.Outcome> outcomes, List<String> drift) throws MojoFailureException {
    List<String> failed = new ArrayList<>();
    for (ProfileCheck.Outcome outcome : outcomes) {
      if (outcome.passed()) {
        getLog().info("Envelope: " + outcome.schema() + " is complete in " + outcome.profile());
        getLog().debug(outcome.table());
      } else {
        getLog().error("Envelope: " + outcome.table());
        failed.add(outcome.profile() + " (" + outcome.problems().size() + ")");
      }
    }
    for (String line : drift) {
      getLog().error("Envelope: " + line + "; run `mvn envelope:example` and commit the result");
    }
    if (failed.isEmpty() && drift.isEmpty()) {
      return;
    }
    StringBuilder message = new StringBuilder();
    if (!failed.isEmpty()) {
      message.append("The environment has problems in ").append(String.join(", ", failed))
          .append("; the tables above say what to set where (also in ").append(reportFile).append(')');
    }
    if (!drift.isEmpty()) {
      message.append(message.length() == 0 ? "" : ". ")
          .append("Generated files have drifted from the schema: ").append(String.join("; ", drift))
          .append(". Run `mvn envelope:example` and commit the result");
    }
    if (failOnProblems) {
      throw new MojoFailureException(message.toString());
    }
    getLog().warn("Envelope: " + message + " (failOnProblems is false)");
  }
}
