package dev.envelope.maven;

import dev.envelope.EnvException;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Writes {@code .env.example} and the Markdown reference from the schema, with {@link
 * dev.envelope.EnvDocs}: the files {@code envelope:check} compares. Commit the result. Compiles the
 * project first, so {@code mvn envelope:example} works on its own.
 */
@Mojo(name = "example", requiresDependencyResolution = ResolutionScope.TEST, threadSafe = true)
@Execute(phase = LifecyclePhase.COMPILE)
public final class ExampleMojo extends AbstractEnvelopeMojo {
  @Override
  public void execute() throws MojoExecutionException {
    if (skip) {
      getLog().info("Envelope: skipped");
      return;
    }
    try (URLClassLoader loader = projectClassLoader()) {
      List<Path> written = withContextLoader(loader, () -> {
        try {
          return GeneratedFiles.of(docsSchemaClass(loader), dotEnvExample, markdownReference).write();
        } catch (IOException e) {
          throw new MojoExecutionException("cannot write the generated files: " + e.getMessage(), e);
        } catch (EnvException e) {
          throw new MojoExecutionException("the schema is not usable:\n" + e.getMessage(), e);
        }
      });
      if (written.isEmpty()) {
        getLog().info("Envelope: " + dotEnvExample + " and " + markdownReference + " are up to date");
      }
      for (Path file : written) {
        getLog().info("Envelope: wrote " + file);
      }
    } catch (IOException e) {
      throw new MojoExecutionException("cannot close the project's class loader", e);
    }
  }
}
