package dev.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReportFormatTest {
  record AppEnv(
      @Size(min = 32) Secret<String> jwtSecret, Database database, String smtpHost, Optional<String> sentryDsn) {
    record Database(String url, @Default("2") int poolMin) {}
  }

  @Test
  void exceptionMessageIsAnAlignedTable() {
    EnvException e = catchThrowableOfType(EnvException.class, () -> Env.builder().hermetic().profile("production")
        .values(Map.of("JWT_SECRET", "too-short-canary", "DATABASE_URL", "postgres://db", "DATABASE_POOL_MIN", "ten"))
        .load(AppEnv.class));

    assertThat(e.getMessage()).isEqualTo(String.join("\n",
        "Invalid environment for AppEnv (profile production): 3 problems",
        "  JWT_SECRET         must be at least 32 characters long  (builder values)",
        "  DATABASE_POOL_MIN  'ten' is not an integer              (builder values)",
        "  SMTP_HOST          required but not set                 (looked in: builder values, environment)"));
    assertThat(e.schema()).isEqualTo("AppEnv");
    assertThat(e.profile()).isEqualTo("production");
  }

  @Test
  void reportIsATableOfValuesOriginsAndShadowedSources() {
    Resolution<AppEnv> resolution = Env.builder().hermetic()
        .environment(Map.of("SMTP_HOST", "mail.internal", "JWT_SECRET", "y".repeat(32)))
        .values(Map.of("JWT_SECRET", "x".repeat(32), "DATABASE_URL", "postgres://db"))
        .resolve(AppEnv.class);

    assertThat(resolution.report().toString()).isEqualTo(String.join("\n",
        "Environment for AppEnv (profile development)",
        "  VARIABLE           VALUE          ORIGIN",
        "  JWT_SECRET         ****           builder values (shadows environment)",
        "  DATABASE_URL       postgres://db  builder values",
        "  DATABASE_POOL_MIN  2              default",
        "  SMTP_HOST          mail.internal  environment",
        "  SENTRY_DSN         (unset)        (unset)"));
    assertThat(resolution.toString()).isEqualTo(resolution.report().toString());
  }

  @Test
  void reportIsAlsoData() {
    Report report = Env.builder().hermetic()
        .values(Map.of("JWT_SECRET", "x".repeat(32), "DATABASE_URL", "postgres://db", "SMTP_HOST", "h"))
        .resolve(AppEnv.class).report();

    assertThat(report.schema()).isEqualTo("AppEnv");
    assertThat(report.profile()).isEqualTo(Profile.DEVELOPMENT);
    assertThat(report.variables()).extracting(Report.Variable::name)
        .containsExactly("JWT_SECRET", "DATABASE_URL", "DATABASE_POOL_MIN", "SMTP_HOST", "SENTRY_DSN");
    assertThat(report.variable("JWT_SECRET").orElseThrow())
        .isEqualTo(new Report.Variable("JWT_SECRET", "****", "builder values", true, List.of()));
    assertThat(report.warnings()).isEmpty();
    assertThat(report.notes()).isEmpty();
  }

  @Test
  void longValuesAreShortenedOnOneLine() {
    record Long(String text) {}
    String text = "line one\n" + "z".repeat(100);

    Report report = Env.builder().hermetic().value("TEXT", text).resolve(Long.class).report();

    assertThat(report.variable("TEXT").orElseThrow().value()).isEqualTo("line one\\n" + "z".repeat(30) + "…");
  }

  @Test
  void singleProblemIsSingular() {
    record One(String only) {}

    assertThat(catchThrowableOfType(EnvException.class, () -> Env.builder().hermetic().load(One.class)).getMessage())
        .startsWith("Invalid environment for One (profile development): 1 problem\n");
  }
}
