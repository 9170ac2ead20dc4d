package dev.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A typo'd key and the variable it was meant for, reported together when the load fails. */
class UnknownKeysInFailuresTest {
  @TempDir Path dir;

  record Storage(String s3Bucket, @Default("eu-west-1") String s3Region) {}

  @Test
  void aFailedLoadCarriesTheUnknownKeysAndHintsTheMissingVariable() throws IOException {
    Files.writeString(dir.resolve(".env"), "S3_REGION=eu-central-1\n\n\nS3_BUKET=orders\n");

    EnvException e = catchThrowableOfType(EnvException.class,
        () -> Env.builder().environment(Map.of()).directory(dir).noDiscoveredProviders().load(Storage.class));

    String env = dir.resolve(".env").toString();
    assertThat(e.problems()).containsExactly(new Problem("S3_BUCKET", Problem.Kind.MISSING, "required but not set",
        "looked in: environment, " + env, "did you mean S3_BUKET, set in " + env + ":4?"));
    assertThat(e.warnings()).containsExactly(new Problem("S3_BUKET", Problem.Kind.UNKNOWN, "not declared in Storage",
        env + ":4", "did you mean S3_BUCKET?"));
    assertThat(e.getMessage()).endsWith(
        "\n  warning: S3_BUKET: not declared in Storage — did you mean S3_BUCKET? (" + env + ":4)");
  }

  @Test
  void inStrictModeTheUnknownKeyIsAProblemNotAWarning() throws IOException {
    Files.writeString(dir.resolve(".env"), "S3_BUKET=orders\n");

    EnvException e = catchThrowableOfType(EnvException.class,
        () -> Env.builder().environment(Map.of()).directory(dir).noDiscoveredProviders().strict().load(Storage.class));

    assertThat(e.problems()).extracting(Problem::variable).containsExactly("S3_BUCKET", "S3_BUKET");
    assertThat(e.warnings()).isEmpty();
  }
}
