package dev.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The empty-value rule of the schema reference: an empty value is unset for every type but {@code
 * String}; for a {@code String} it is a value, unless {@code @NotBlank} or {@code @NotEmpty} says
 * otherwise.
 */
class EmptyValueTest {
  private static final String CANARY = "canary-e3c2a1";

  enum Level { DEBUG, INFO, WARN }

  record Defaults(@Default("8080") int port, @Default("15m") Duration ttl, @Default("info") Level level,
      @Default("true") boolean enabled, @Default("a,b") List<String> tags) {}

  record Port(int port) {}

  record SecretPin(Secret<Integer> pin) {}

  record Optionals(Optional<Integer> count, OptionalInt port, Optional<Duration> ttl) {}

  record Texts(String text, Secret<String> secret, Optional<String> note) {}

  record EmptyDefaults(@Default("") String text, @Default("") List<String> items, @Default("") Set<Integer> ids,
      @Default("") Map<String, String> labels) {}

  record Tags(List<String> tags) {}

  record NotBlankText(@NotBlank String text) {}

  record NotEmptyText(@NotEmpty String text) {}

  record NotBlankWithDefault(@NotBlank @Default("fallback") String text) {}

  record NotBlankSecret(@NotBlank Secret<String> token) {}

  private static <T extends Record> T load(Class<T> schema, Map<String, String> values) {
    return Env.builder().hermetic().values(values).load(schema);
  }

  private static EnvException failure(Class<? extends Record> schema, Map<String, String> values) {
    Throwable thrown = catchThrowable(() -> load(schema, values));
    assertThat(thrown).isInstanceOf(EnvException.class);
    return (EnvException) thrown;
  }

  @Test
  void anEmptyValueOfANonStringTypeLetsTheDefaultApply() {
    Defaults loaded = load(Defaults.class, Map.of("PORT", "", "TTL", "", "LEVEL", "", "ENABLED", "", "TAGS", ""));
    assertThat(loaded).isEqualTo(new Defaults(8080, Duration.ofMinutes(15), Level.INFO, true, List.of("a", "b")));
  }

  @Test
  void theDefaultThatReplacesAnEmptyValueReportsDefaultAndWhereTheEmptyValueWas() {
    Resolution<Defaults> resolution = Env.builder().hermetic().values(Map.of("PORT", "")).resolve(Defaults.class);
    assertThat(resolution.report().variable("PORT").orElseThrow().origin()).isEqualTo("default (empty in builder values)");
  }

  @Test
  void anEmptyRequiredNonStringIsMissingAndTheMessageSaysItWasEmpty() {
    EnvException e = failure(Port.class, Map.of("PORT", ""));
    assertThat(e.problems()).hasSize(1);
    Problem problem = e.problems().get(0);
    assertThat(problem.variable()).isEqualTo("PORT");
    assertThat(problem.kind()).isEqualTo(Problem.Kind.MISSING);
    assertThat(problem.message()).startsWith("required but not set").contains("empty").contains("builder values");
  }

  @Test
  void anEmptyValueInTheEnvironmentNamesTheEnvironment() {
    Throwable thrown = catchThrowable(() -> Env.builder().hermetic().environment(Map.of("PORT", "")).load(Port.class));
    assertThat(thrown).isInstanceOf(EnvException.class);
    Problem problem = ((EnvException) thrown).problems().get(0);
    assertThat(problem.kind()).isEqualTo(Problem.Kind.MISSING);
    assertThat(problem.message()).contains("empty").contains("environment");
  }

  @Test
  void anEmptySecretNumberIsMissingNotInvalid() {
    EnvException e = failure(SecretPin.class, Map.of("PIN", ""));
    assertThat(e.problems()).extracting(Problem::variable, Problem::kind).containsExactly(
        org.assertj.core.groups.Tuple.tuple("PIN", Problem.Kind.MISSING));
  }

  @Test
  void anEmptyOptionalNonStringIsEmpty() {
    Optionals loaded = load(Optionals.class, Map.of("COUNT", "", "PORT", "", "TTL", ""));
    assertThat(loaded.count()).isEmpty();
    assertThat(loaded.port()).isEmpty();
    assertThat(loaded.ttl()).isEmpty();
  }

  @Test
  void anEmptyStringIsAValue() {
    Texts loaded = load(Texts.class, Map.of("TEXT", "", "SECRET", "", "NOTE", ""));
    assertThat(loaded.text()).isEmpty();
    assertThat(loaded.secret().reveal()).isEmpty();
    assertThat(loaded.note()).contains("");
  }

  @Test
  void anEmptyDefaultIsAnEmptyStringOrAnEmptyCollection() {
    EmptyDefaults loaded = load(EmptyDefaults.class, Map.of());
    assertThat(loaded.text()).isEmpty();
    assertThat(loaded.items()).isEmpty();
    assertThat(loaded.ids()).isEmpty();
    assertThat(loaded.labels()).isEmpty();
  }

  @Test
  void anEmptyRequiredListIsMissing() {
    EnvException e = failure(Tags.class, Map.of("TAGS", ""));
    assertThat(e.problems()).extracting(Problem::kind).containsExactly(Problem.Kind.MISSING);
    assertThat(e.problems().get(0).message()).contains("empty");
  }

  @Test
  void notBlankAndNotEmptyMakeAnEmptyStringUnset() {
    for (Class<? extends Record> schema : List.of(NotBlankText.class, NotEmptyText.class)) {
      EnvException e = failure(schema, Map.of("TEXT", ""));
      assertThat(e.problems()).as(schema.getSimpleName()).hasSize(1);
      Problem problem = e.problems().get(0);
      assertThat(problem.variable()).isEqualTo("TEXT");
      assertThat(problem.kind()).isEqualTo(Problem.Kind.MISSING);
      assertThat(problem.message()).startsWith("required but not set").contains("empty");
    }
  }

  @Test
  void notBlankLetsTheDefaultReplaceAnEmptyString() {
    assertThat(load(NotBlankWithDefault.class, Map.of("TEXT", "")).text()).isEqualTo("fallback");
    assertThat(load(NotBlankWithDefault.class, Map.of("TEXT", "given")).text()).isEqualTo("given");
  }

  @Test
  void aBlankButNotEmptyStringViolatesNotBlank() {
    EnvException e = failure(NotBlankText.class, Map.of("TEXT", "   "));
    assertThat(e.problems()).extracting(Problem::variable, Problem::kind).containsExactly(
        org.assertj.core.groups.Tuple.tuple("TEXT", Problem.Kind.CONSTRAINT));
    assertThat(load(NotEmptyText.class, Map.of("TEXT", "   ")).text()).isEqualTo("   ");
  }

  @Test
  void notBlankOnASecretMakesAnEmptySecretMissing() {
    EnvException e = failure(NotBlankSecret.class, Map.of("TOKEN", ""));
    assertThat(e.problems()).extracting(Problem::variable, Problem::kind).containsExactly(
        org.assertj.core.groups.Tuple.tuple("TOKEN", Problem.Kind.MISSING));
    NotBlankSecret loaded = load(NotBlankSecret.class, Map.of("TOKEN", CANARY));
    assertThat(loaded.token().reveal()).isEqualTo(CANARY);
    assertThat(loaded.toString()).doesNotContain(CANARY);
  }

  @Test
  void aBlankSecretViolatesNotBlankWithoutShowingTheValue() {
    String blank = " \t ";
    EnvException e = failure(NotBlankSecret.class, Map.of("TOKEN", blank));
    assertThat(e.problems()).extracting(Problem::variable, Problem::kind).containsExactly(
        org.assertj.core.groups.Tuple.tuple("TOKEN", Problem.Kind.CONSTRAINT));
    assertThat(e.getMessage()).doesNotContain(blank);
  }
}
