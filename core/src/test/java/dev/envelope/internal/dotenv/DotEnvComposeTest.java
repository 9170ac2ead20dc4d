package dev.envelope.internal.dotenv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

import dev.envelope.DotEnvSyntax;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Compose syntax's own rules beyond compose-go's test cases: lines, messages, edges. */
class DotEnvComposeTest {
  private static final String CANARY = "sk_live_CANARY_5f3a9";

  private static Map<String, String> parse(String content, Map<String, String> environment) {
    return DotEnvParser.parseAndExpand(content, ".env", environment, DotEnvSyntax.COMPOSE);
  }

  private static DotEnvSyntaxException failure(String content) {
    return catchThrowableOfType(DotEnvSyntaxException.class, () -> parse(content, Map.of()));
  }

  @Test
  void entryLinesCountMultilineValuesAndInheritedNames() {
    var entries = DotEnvParser.parse("A='one\ntwo'\n\nB\n# c\nC=3\n", ".env", DotEnvSyntax.COMPOSE);

    assertThat(entries).extracting(DotEnvEntry::key, DotEnvEntry::line, DotEnvEntry::inherited)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("A", 1, false),
            org.assertj.core.groups.Tuple.tuple("B", 4, true), org.assertj.core.groups.Tuple.tuple("C", 6, false));
  }

  @Test
  void nameAloneOnTheLastLineWithoutNewlineIsInherited() {
    assertThat(parse("A=1\nAPI_KEY", Map.of("API_KEY", "k"))).containsExactly(entry("A", "1"), entry("API_KEY", "k"));
  }

  @Test
  void inheritedNameKeepsAnEarlierLinesValueWhenTheEnvironmentHasNone() {
    assertThat(parse("A=file\nA\n", Map.of())).containsExactly(entry("A", "file"));
  }

  @Test
  void textAfterAClosingQuoteStartsTheNextStatement() {
    assertThat(parse("A=\"x\"B=2\nC='y' D\n", Map.of("D", "d")))
        .containsExactly(entry("A", "x"), entry("B", "2"), entry("C", "y"), entry("D", "d"));
  }

  @Test
  void errorsNameTheLineButQuoteNothingOfIt() {
    assertThat(failure("A=1\n%" + CANARY + "=2\n"))
        .hasMessage(".env:2: invalid character at column 1 in a variable name: a name is made of letters, digits,"
            + " '_', '.', '-', '[' and ']'");
    assertThat(failure("A=1\nB=\"" + CANARY + "\n"))
        .hasMessage(".env:2: unterminated double-quoted value of B: the \" opened on this line is never closed");
    assertThat(failure("MY " + CANARY + "=1\n")).hasMessage(".env:1: a variable name cannot contain a space");
    assertThat(failure("P=" + CANARY + "${\n").getMessage()).startsWith(".env:1: invalid reference in the value of P")
        .doesNotContain(CANARY);
  }

  @Test
  void aByteOrderMarkStartingALaterLineIsAnErrorThatSaysSo() {
    assertThat(failure("A=1\n\uFEFFB=2\n")).hasMessage(".env:2: a byte order mark (U+FEFF) at column 1, where a"
        + " name was expected: the file looks like two files joined; remove it");
  }

  @Test
  void aWordAfterAnOperatorMustCloseOnItsLine() {
    assertThat(failure("A=\"${B:-x\ny}\"\n").getMessage()).startsWith(".env:1: invalid reference in the value of A");
    assertThat(parse("A=\"${B:-x}\ny}\"\n", Map.of())).containsExactly(entry("A", "x\ny}"));
  }

  @Test
  void defaultsAndAlternatesNestAndAreExpandedOnlyWhenUsed() {
    assertThat(parse("A=${SET:-${UNSET:?never evaluated}}\nB=${SET:+[${SET}]}\nC=${UNSET+x}${UNSET-${SET}}\n",
        Map.of("SET", "s"))).containsExactly(entry("A", "s"), entry("B", "[s]"), entry("C", "s"));
  }

  @Test
  void manyOperatorReferencesOnOneLineNeedNoDeepRecursion() {
    String line = "A=" + "${X:-y}".repeat(20_000) + "\n";
    assertThat(parse(line, Map.of()).get("A")).hasSize(20_000);
  }

  @Test
  void octalEscapesNeedThreeOctalDigitsAtMost255() {
    assertThat(parse("A=\"\\0101\\0\\012\\0400\\0777x\"\n", Map.of()))
        .containsExactly(entry("A", "A\\0\\012\\0400\\0777x"));
  }
}
