package dev.envelope.internal.dotenv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Malformed lines fail the whole parse with a message naming the source and line, never a value. */
class DotEnvParserErrorsTest {
  private static final String CANARY = "sk_live_CANARY_5f3a9";

  private static DotEnvSyntaxException failure(String content) {
    return catchThrowableOfType(
        () -> DotEnvParser.parseAndExpand(content, ".env.local", Map.of()), DotEnvSyntaxException.class);
  }

  @Test
  void lineWithoutSeparatorNamesTheLineButNotItsText() {
    DotEnvSyntaxException e = failure("A=1\n\n" + CANARY + "\nB=2\n");
    assertThat(e).hasMessage(".env.local:3: not a KEY=value line: no '=' or ':' after the name");
    assertThat(e.source()).isEqualTo(".env.local");
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.key()).isNull();
    assertThat(e.getMessage()).doesNotContain(CANARY);
  }

  @Test
  void exportWithoutValueIsNotAnEntry() {
    assertThat(failure("export PATH\n"))
        .hasMessage(".env.local:1: not a KEY=value line: no '=' or ':' after the name");
  }

  @Test
  void missingKeyIsAnError() {
    assertThat(failure("A=1\n=value\n")).hasMessage(".env.local:2: missing key before '='");
    assertThat(failure(": value\n")).hasMessage(".env.local:1: missing key before ':'");
  }

  @Test
  void invalidKeyCharacterNamesItsColumn() {
    assertThat(failure("MY@KEY=1\n"))
        .hasMessage(".env.local:1: invalid character at column 3: a key is made of ASCII letters,"
            + " digits, '_', '.' and '-'");
    assertThat(failure("  ÄPFEL=1\n"))
        .hasMessage(".env.local:1: invalid character at column 3: a key is made of ASCII letters,"
            + " digits, '_', '.' and '-'");
    assertThat(failure("\"KEY\"=1\n"))
        .hasMessage(".env.local:1: invalid character at column 1: a key is made of ASCII letters,"
            + " digits, '_', '.' and '-'");
  }

  @Test
  void blankInsideAKeyIsAnError() {
    DotEnvSyntaxException e = failure("MY KEY=" + CANARY + "\n");
    assertThat(e).hasMessage(".env.local:1: expected '=' or ':' after the key, found more text at column 4");
    assertThat(e.getMessage()).doesNotContain(CANARY);
  }

  @Test
  void colonWithoutSpaceIsAnErrorThatQuotesNoPartOfTheLine() {
    // "id:secret" may be a pasted credential: neither half may be echoed.
    DotEnvSyntaxException e = failure("userid4711:" + CANARY + "\n");
    assertThat(e).hasMessage(".env.local:1: ':' after the name must be followed by a space (KEY: value)");
    assertThat(e.getMessage()).doesNotContain(CANARY).doesNotContain("userid4711");
    assertThat(e.key()).isNull();
  }

  @Test
  void unterminatedDoubleQuoteNamesTheLineWhereItOpened() {
    DotEnvSyntaxException e = failure("A=1\nPASSWORD=\"" + CANARY + "\nB=2\n");
    assertThat(e)
        .hasMessage(".env.local:2: unterminated double-quoted value of PASSWORD: the \" opened on this"
            + " line is never closed");
    assertThat(e.key()).isEqualTo("PASSWORD");
    assertThat(e.getMessage()).doesNotContain(CANARY);
  }

  @Test
  void unterminatedSingleAndBacktickQuotesAreErrors() {
    assertThat(failure("S='abc\n"))
        .hasMessage(".env.local:1: unterminated single-quoted value of S: the ' opened on this line is"
            + " never closed");
    assertThat(failure("\n\nB=`abc"))
        .hasMessage(".env.local:3: unterminated backtick-quoted value of B: the ` opened on this line is"
            + " never closed");
  }

  @Test
  void doubleQuoteEndingInABackslashIsUnterminated() {
    assertThat(failure("DIR=\"C:\\\"\n"))
        .hasMessage(".env.local:1: unterminated double-quoted value of DIR: the \" opened on this line is"
            + " never closed");
  }

  @Test
  void textAfterAClosingQuoteIsAnError() {
    DotEnvSyntaxException e = failure("A=\"" + CANARY + "\" trailing\n");
    int column = ("A=\"" + CANARY + "\" t").length();
    assertThat(e).hasMessage(".env.local:1: unexpected text at column " + column
        + " after the closing \" of A");
    assertThat(e.getMessage()).doesNotContain(CANARY);
  }

  @Test
  void backslashQuoteDoesNotCloseASingleQuotedValueSoOneLeftOpenIsUnterminated() {
    assertThat(DotEnvParser.parseAndExpand("A='it\\'s'\n", ".env", java.util.Map.of()))
        .containsEntry("A", "it\\'s");
    assertThat(failure("A='it\\'\nB=2\n"))
        .hasMessage(".env.local:1: unterminated single-quoted value of A: the ' opened on this line is never closed");
  }

  @Test
  void forgottenClosingQuotePointsAtTheLineWhereTheValueOpened() {
    assertThat(failure("A=\"one\nB=\"two\"\n"))
        .hasMessage(".env.local:2: unexpected text at column 4 after the closing \" of A (the value"
            + " opened on line 1)");
  }

  @Test
  void errorLinesCountCrlfAndMultilineValues() {
    assertThat(failure("A=1\r\nB=\"x\r\ny\"\r\nbad\r\n").line()).isEqualTo(4);
    assertThat(failure("A=1\rB=2\rC D=3\r").line()).isEqualTo(3);
  }

  @Test
  void errorAfterValidLinesFailsTheWholeParse() {
    DotEnvSyntaxException e =
        catchThrowableOfType(() -> DotEnvParser.parse("A=1\nB=2\nbad\nC=3\n", ".env"),
            DotEnvSyntaxException.class);
    assertThat(e).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(".env:3: ");
  }

  @Test
  void byteOrderMarkDoesNotShiftColumns() {
    assertThat(failure("\uFEFFA B=1\n"))
        .hasMessage(".env.local:1: expected '=' or ':' after the key, found more text at column 3");
  }
}
