package dev.envelope.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProviderUriTest {
  private static ProviderUri parse(String uri, String... known) {
    return ProviderUri.parse(URI.create(uri), "k8s-mount", "k8s-mount:DIRECTORY", List.of(known));
  }

  @Test
  void readsTargetAndOptionsOfAbsoluteAndRelativeForms() {
    ProviderUri absolute = parse("k8s-mount:/var/run/secrets/app?prefix=APP_&trim", "prefix", "trim");
    assertThat(absolute.target()).isEqualTo("/var/run/secrets/app");
    assertThat(absolute.option("prefix")).contains("APP_");
    assertThat(absolute.flag("trim", false)).isTrue();
    ProviderUri relative = parse("k8s-mount:secrets/app?prefix=A%2BB+C", "prefix");
    assertThat(relative.target()).isEqualTo("secrets/app");
    assertThat(relative.option("prefix")).contains("A+B+C");
  }

  @Test
  void bareSlashHasAnEmptyTarget() {
    assertThat(parse("k8s-mount:/").target()).isEmpty();
  }

  @Test
  void unknownOptionListsTheKnownOnesIncludingLimits() {
    assertThatThrownBy(() -> parse("k8s-mount:/x?prefx=A", "prefix"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Malformed provider URI 'k8s-mount:/x?prefx=A': unknown option 'prefx'"
                + " (known: prefix, maxAttempts, attemptTimeout, timeout); expected k8s-mount:DIRECTORY");
  }

  @Test
  void repeatedOptionWrongSchemeAndFragmentAreRejected() {
    assertThatThrownBy(() -> parse("k8s-mount:/x?prefix=A&prefix=B", "prefix"))
        .hasMessageContaining("the option 'prefix' is set twice");
    assertThatThrownBy(() -> parse("doppler:/x")).hasMessageContaining("the scheme is not k8s-mount");
    assertThatThrownBy(() -> parse("k8s-mount:/x#y")).hasMessageContaining("a fragment is not allowed");
  }

  @Test
  void aTextOptionGivenWithoutAValueIsAnError() {
    assertThat(parse("k8s-mount:/x?prefix=APP_", "prefix").text("prefix")).contains("APP_");
    assertThat(parse("k8s-mount:/x", "prefix").text("prefix")).isEmpty();
    assertThatThrownBy(() -> parse("k8s-mount:/x?prefix=", "prefix").text("prefix"))
        .hasMessage("Malformed provider URI 'k8s-mount:/x?prefix=': the option 'prefix' needs a value;"
            + " expected k8s-mount:DIRECTORY");
  }

  @Test
  void limitsComeFromTheUri() {
    FetchLimits limits = parse("k8s-mount:/x?maxAttempts=5&attemptTimeout=500ms&timeout=2m").limits(FetchLimits.DEFAULT);
    assertThat(limits.maxAttempts()).isEqualTo(5);
    assertThat(limits.attemptTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(limits.timeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(parse("k8s-mount:/x").limits(FetchLimits.DEFAULT)).isEqualTo(FetchLimits.DEFAULT);
  }

  @Test
  void aShortTimeoutShrinksTheAttemptTimeout() {
    FetchLimits limits = parse("k8s-mount:/x?timeout=PT2S").limits(FetchLimits.DEFAULT);
    assertThat(limits.attemptTimeout()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void malformedLimitsNameTheOption() {
    assertThatThrownBy(() -> parse("k8s-mount:/x?maxAttempts=0").limits(FetchLimits.DEFAULT))
        .hasMessageContaining("maxAttempts=0 is not a whole number of at least 1");
    assertThatThrownBy(() -> parse("k8s-mount:/x?timeout=soon").limits(FetchLimits.DEFAULT))
        .hasMessageContaining("timeout=soon is not a positive duration");
    assertThatThrownBy(() -> parse("k8s-mount:/x?attemptTimeout=1m&timeout=10s").limits(FetchLimits.DEFAULT))
        .hasMessageContaining("attemptTimeout (60 s) exceeds timeout (10 s)");
  }
}
