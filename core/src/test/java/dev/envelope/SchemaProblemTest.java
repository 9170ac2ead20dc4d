package dev.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SchemaProblemTest {
  record NestedNotRecord(Object thing) {}

  record Unsupported(java.util.concurrent.atomic.AtomicInteger counter) {}

  record SecretWithDefault(@Default("hunter2-canary") Secret<String> password) {}

  record SecretDefaultInProduction(@DefaultIn(profile = "production", value = "x") Secret<String> password) {}

  record Clash(@Name("PORT") int httpPort, int port) {}

  record RequiredInOnRequired(@RequiredIn("production") String url) {}

  record Inner(Inner inner) {}

  private static Problem onlyProblem(Class<? extends Record> schema) {
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> Env.builder().hermetic().load(schema));
    assertThat(thrown).isInstanceOf(EnvException.class);
    EnvException e = (EnvException) thrown;
    assertThat(e.problems()).hasSize(1);
    assertThat(e.problems().get(0).kind()).isEqualTo(Problem.Kind.SCHEMA);
    return e.problems().get(0);
  }

  @Test
  void unsupportedTypeSaysHowToFixIt() {
    assertThat(onlyProblem(Unsupported.class).message())
        .isEqualTo("Unsupported.counter: type java.util.concurrent.atomic.AtomicInteger is not supported: it has no of/valueOf/parse(String) method or String constructor; register a Converter for it");
  }

  @Test
  void objectTypedComponentIsUnsupported() {
    assertThat(onlyProblem(NestedNotRecord.class).variable()).isEqualTo("THING");
  }

  @Test
  void defaultOnASecretIsRefusedWithoutQuotingIt() {
    Problem problem = onlyProblem(SecretWithDefault.class);

    assertThat(problem.variable()).isEqualTo("PASSWORD");
    assertThat(problem.message()).startsWith("@Default is not allowed on a Secret").doesNotContain("hunter2-canary");
  }

  @Test
  void secretDefaultForProductionIsRefused() {
    assertThat(onlyProblem(SecretDefaultInProduction.class).message())
        .isEqualTo("@DefaultIn(profile = \"production\") is not allowed on a Secret: only development and test may have a secret default");
  }

  @Test
  void twoComponentsMappedToOneNameAreNamed() {
    assertThat(onlyProblem(Clash.class).message())
        .isEqualTo("both Clash.httpPort and Clash.port map to PORT: rename one with @Name");
  }

  @Test
  void requiredInOnANonOptionalComponentIsAMistake() {
    assertThat(onlyProblem(RequiredInOnRequired.class).message()).startsWith("@RequiredIn is only meaningful on an Optional component");
  }

  @Test
  void recursiveGroupsAreRefused() {
    assertThat(onlyProblem(Inner.class).message()).isEqualTo("Inner contains itself: nested groups cannot be recursive");
  }

  record Twice(Optional<Optional<String>> nested) {}

  @Test
  void nestedOptionalIsRefused() {
    assertThat(onlyProblem(Twice.class).message()).contains("is not supported");
  }

  @Test
  void schemaProblemsComeBeforeAnyValueIsRead() {
    assertThatThrownBy(() -> Env.builder().hermetic().values(Map.of("PORT", "not-a-number")).load(Clash.class))
        .isInstanceOfSatisfying(EnvException.class, e -> assertThat(e.problems()).extracting(Problem::kind).containsOnly(Problem.Kind.SCHEMA));
  }
}
