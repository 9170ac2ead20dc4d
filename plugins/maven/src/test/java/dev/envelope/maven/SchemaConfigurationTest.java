package dev.envelope.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.apache.maven.model.Build;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaConfigurationTest {
  record AppEnv(String smtpHost) {}

  record OtherEnv(String apiKey) {}

  record QaEnv(@dev.envelope.RequiredIn({"qa", "prod"}) java.util.Optional<String> sentryDsn) {}

  static final class NotARecord {}

  record Unusable(Object what) {}

  private final ClassLoader loader = getClass().getClassLoader();
  private final CheckMojo mojo = new CheckMojo();

  @dev.envelope.EnvSchema
  record MarkedEnv(String smtpHost) {}

  @dev.envelope.EnvSchema
  record AlsoMarkedEnv(String apiKey) {}

  @TempDir Path emptyClasses;

  private void compiledClassesIn(Path directory) {
    MavenProject project = new MavenProject();
    project.getModel().setBuild(new Build());
    project.getBuild().setOutputDirectory(directory.toString());
    mojo.project = project;
  }

  @Test
  void noSchemaConfiguredAndNoneMarkedSaysHowToDoEither() {
    compiledClassesIn(emptyClasses);

    assertThatThrownBy(() -> mojo.schemaClasses(loader))
        .isInstanceOf(MojoExecutionException.class)
        .hasMessageContaining("no record in " + emptyClasses + " is marked @dev.envelope.EnvSchema")
        .hasMessageContaining("<schemas><schema>com.example.AppEnv</schema></schemas>");
  }

  @Test
  void withoutSchemasTheRecordsMarkedEnvSchemaAreChecked() throws Exception {
    compiledClassesIn(Path.of(MarkedEnv.class.getProtectionDomain().getCodeSource().getLocation().toURI()));

    assertThat(mojo.schemaClasses(loader)).containsExactly(AlsoMarkedEnv.class, MarkedEnv.class);
    assertThatThrownBy(() -> mojo.docsSchemaClass(loader))
        .isInstanceOf(MojoExecutionException.class)
        .hasMessage("several schemas are checked [" + AlsoMarkedEnv.class.getName() + ", " + MarkedEnv.class.getName()
            + "]; set <docsSchema> to the one that .env.example describes");
  }

  @Test
  void schemasAreLoadedByBinaryName() throws Exception {
    mojo.schemas = List.of(AppEnv.class.getName(), " " + OtherEnv.class.getName() + " ");

    assertThat(mojo.schemaClasses(loader)).containsExactly(AppEnv.class, OtherEnv.class);
  }

  @Test
  void aClassThatIsNotThereOrNotARecordIsNamed() {
    mojo.schemas = List.of("com.example.Missing");
    assertThatThrownBy(() -> mojo.schemaClasses(loader))
        .isInstanceOf(MojoExecutionException.class)
        .hasMessageStartingWith("schema com.example.Missing is not on the project's classpath");

    mojo.schemas = List.of(NotARecord.class.getName());
    assertThatThrownBy(() -> mojo.schemaClasses(loader))
        .isInstanceOf(MojoExecutionException.class)
        .hasMessage("schema " + NotARecord.class.getName() + " is not a record");
  }

  @Test
  void severalSchemasNeedDocsSchemaForTheGeneratedFiles() throws Exception {
    mojo.schemas = List.of(AppEnv.class.getName(), OtherEnv.class.getName());
    assertThatThrownBy(() -> mojo.docsSchemaClass(loader))
        .isInstanceOf(MojoExecutionException.class)
        .hasMessageContaining("set <docsSchema>");

    mojo.docsSchema = OtherEnv.class.getName();
    assertThat(mojo.docsSchemaClass(loader)).isEqualTo(OtherEnv.class);
  }

  @Test
  void byDefaultEveryStandardProfileAndEveryProfileTheSchemaNamesIsChecked() throws Exception {
    assertThat(mojo.profilesOf(QaEnv.class)).containsExactly("development", "test", "staging", "production", "qa");
  }

  @Test
  void configuredProfilesReplaceTheDefaultsByCanonicalName() throws Exception {
    mojo.profiles = List.of("prod", " stage", "production");

    assertThat(mojo.profilesOf(QaEnv.class)).containsExactly("production", "staging");
  }

  @Test
  void skipDoesNothingNotEvenReadTheProject() throws Exception {
    mojo.skip = true;

    mojo.execute();

    ExampleMojo example = new ExampleMojo();
    example.skip = true;
    example.execute();
  }

  @Test
  void anUnusableSchemaIsAConfigurationErrorWithItsProblems() {
    assertThatThrownBy(() -> mojo.profilesOf(Unusable.class))
        .isInstanceOf(MojoExecutionException.class)
        .hasMessageStartingWith("the schema " + Unusable.class.getName() + " is not usable:\nInvalid environment for Unusable")
        .hasMessageContaining("WHAT");
  }
}
