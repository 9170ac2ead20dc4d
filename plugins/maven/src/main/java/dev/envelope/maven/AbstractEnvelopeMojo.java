package dev.envelope.maven;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/** The parameters both goals share, and loading the schema classes from the project's classpath. */
abstract class AbstractEnvelopeMojo extends AbstractMojo {
  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  MavenProject project;

  /**
   * The schema records to check, by binary name: {@code com.example.AppEnv}. When not set, every
   * record marked {@code @dev.envelope.EnvSchema} among the project's compiled classes.
   */
  @Parameter(property = "envelope.schemas")
  List<String> schemas = new ArrayList<>();

  /** Where the generated {@code .env.example} is written and checked. */
  @Parameter(property = "envelope.dotEnvExample", defaultValue = "${project.basedir}/.env.example")
  File dotEnvExample;

  /** Where the generated Markdown reference is written and checked. */
  @Parameter(property = "envelope.markdownReference", defaultValue = "${project.basedir}/docs/environment.md")
  File markdownReference;

  /**
   * The schema the generated files describe; needed only when {@code schemas} names more than one,
   * since a project has one {@code .env.example}.
   */
  @Parameter(property = "envelope.docsSchema")
  String docsSchema;

  /** Skips the goal. */
  @Parameter(property = "envelope.skip", defaultValue = "false")
  boolean skip;

  /**
   * Returns a class loader over the project's compiled classes and test-scoped dependencies, whose
   * parent is the plugin's, so that the schema's Envelope annotations are the plugin's own classes.
   */
  URLClassLoader projectClassLoader() throws MojoExecutionException {
    List<URL> urls = new ArrayList<>();
    try {
      for (String element : project.getTestClasspathElements()) {
        urls.add(new File(element).toURI().toURL());
      }
    } catch (DependencyResolutionRequiredException | MalformedURLException e) {
      throw new MojoExecutionException("cannot build the classpath of " + project.getId() + ": " + e.getMessage(), e);
    }
    return new URLClassLoader(urls.toArray(URL[]::new), getClass().getClassLoader());
  }

  /** Loads every configured schema; the messages say how to configure or fix one. */
  List<Class<? extends Record>> schemaClasses(ClassLoader loader) throws MojoExecutionException {
    List<String> names = schemaNames(loader);
    List<Class<? extends Record>> classes = new ArrayList<>();
    for (String name : names) {
      classes.add(schemaClass(name, loader));
    }
    return classes;
  }

  /** Returns the configured schemas' names, else those of the marked records; never empty. */
  private List<String> schemaNames(ClassLoader loader) throws MojoExecutionException {
    if (!schemas.isEmpty()) {
      return schemas;
    }
    File classes = new File(project.getBuild().getOutputDirectory());
    List<String> found;
    try {
      found = SchemaScan.find(classes.toPath(), loader);
    } catch (java.io.UncheckedIOException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    }
    if (found.isEmpty()) {
      throw new MojoExecutionException("no schema configured, and no record in " + classes + " is marked"
          + " @dev.envelope.EnvSchema: mark your environment record, or list it in the plugin's <configuration>, e.g.\n"
          + "  <schemas><schema>com.example.AppEnv</schema></schemas>");
    }
    getLog().info("Envelope: schemas marked @EnvSchema: " + String.join(", ", found));
    return found;
  }

  /** Returns the schema the generated files describe: {@code docsSchema}, or the only one. */
  Class<? extends Record> docsSchemaClass(ClassLoader loader) throws MojoExecutionException {
    if (docsSchema != null && !docsSchema.isBlank()) {
      return schemaClass(docsSchema.strip(), loader);
    }
    List<Class<? extends Record>> all = schemaClasses(loader);
    if (all.size() > 1) {
      List<String> names = new ArrayList<>();
      all.forEach(type -> names.add(type.getName()));
      throw new MojoExecutionException(
          "several schemas are checked " + names + "; set <docsSchema> to the one that .env.example describes");
    }
    return all.get(0);
  }

  private static Class<? extends Record> schemaClass(String name, ClassLoader loader) throws MojoExecutionException {
    Class<?> type;
    try {
      type = Class.forName(name.strip(), false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new MojoExecutionException(
          "schema " + name + " is not on the project's classpath (is it compiled, and is the name the binary one, "
              + "Outer$Inner for a nested record?)", e);
    }
    if (!type.isRecord()) {
      throw new MojoExecutionException("schema " + name + " is not a record");
    }
    return type.asSubclass(Record.class);
  }

  /** Runs {@code action} with {@code loader} as context class loader, where converters are discovered. */
  static <T> T withContextLoader(ClassLoader loader, Action<T> action) throws MojoExecutionException {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      return action.run();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /** Work done with the project's class loader in place. */
  interface Action<T> {
    T run() throws MojoExecutionException;
  }
}
