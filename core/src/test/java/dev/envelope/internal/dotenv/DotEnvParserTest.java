package dev.envelope.internal.dotenv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each parsing rule of docs/dotenv.md against a hand-written expected map. */
class DotEnvParserTest {

  private static Map<String, String> parse(String content) {
    return DotEnvParser.parseAndExpand(content, ".env", Map.of());
  }

  @Test
  void keyValuePairsAreReturnedInFileOrder() {
    assertThat(parse("B=2\nA=1\nC=3\n"))
        .containsExactly(entry("B", "2"), entry("A", "1"), entry("C", "3"));
  }

  @Test
  void emptyContentHasNoEntries() {
    assertThat(parse("")).isEmpty();
    assertThat(parse("\n\n  \n# only a comment\n")).isEmpty();
  }

  @Test
  void colonFollowedByASpaceSeparatesLikeEquals() {
    assertThat(parse("HOST: db.local\nPORT:\t5432\nEMPTY:\n"))
        .containsExactly(entry("HOST", "db.local"), entry("PORT", "5432"), entry("EMPTY", ""));
  }

  @Test
  void blanksAroundTheSeparatorAreIgnored() {
    assertThat(parse("  A = 1\n\tB\t=\t2\nC =3\n"))
        .containsExactly(entry("A", "1"), entry("B", "2"), entry("C", "3"));
  }

  @Test
  void exportPrefixIsIgnored() {
    assertThat(parse("export A=1\nexport \t B=\"two\"\n  export C: 3\n"))
        .containsExactly(entry("A", "1"), entry("B", "two"), entry("C", "3"));
  }

  @Test
  void exportAloneIsAnOrdinaryKey() {
    assertThat(parse("export=1\nexport = 2\nexported=3\n"))
        .containsExactly(entry("export", "2"), entry("exported", "3"));
  }

  @Test
  void blankLinesAndCommentLinesAreSkipped() {
    assertThat(parse("# header\n\nA=1\n   \n  # indented comment\n\t\nB=2 \n#C=3\n"))
        .containsExactly(entry("A", "1"), entry("B", "2"));
  }

  @Test
  void hashAfterABlankStartsAnInlineComment() {
    assertThat(parse("A=value # comment\nB=value\t#comment\nC=x #  y # z\n"))
        .containsExactly(entry("A", "value"), entry("B", "value"), entry("C", "x"));
  }

  @Test
  void hashInsideAnUnquotedWordIsKept() {
    assertThat(parse("PASSWORD=abc#123\nURL=https://example.com/page#top\nCOLOR=a#\n"))
        .containsExactly(
            entry("PASSWORD", "abc#123"),
            entry("URL", "https://example.com/page#top"),
            entry("COLOR", "a#"));
  }

  @Test
  void hashAtTheStartOfAValueIsAComment() {
    assertThat(parse("A=#fff\nB= # nothing yet\nC=#\n"))
        .containsExactly(entry("A", ""), entry("B", ""), entry("C", ""));
  }

  @Test
  void unquotedValuesAreTrimmedButKeepInnerBlanks() {
    assertThat(parse("A=   spaced   out \t \nB=\ttab\tinside\t\n"))
        .containsExactly(entry("A", "spaced   out"), entry("B", "tab\tinside"));
  }

  @Test
  void quotesInsideAnUnquotedValueAreLiteral() {
    assertThat(parse("A=don't\nB=say \"hi\"\nC=a'b'\n"))
        .containsExactly(entry("A", "don't"), entry("B", "say \"hi\""), entry("C", "a'b'"));
  }

  @Test
  void singleQuotedValuesAreTakenLiterally() {
    assertThat(parse("A='  a\\nb \\t \\\\ \" # not a comment $X ${Y} '\n"))
        .containsExactly(entry("A", "  a\\nb \\t \\\\ \" # not a comment $X ${Y} "));
  }

  @Test
  void doubleQuotedValuesApplyEscapes() {
    assertThat(parse("A=\"line1\\nline2\\rcr\\ttab\\\"quote\\\\backslash\"\n"))
        .containsExactly(entry("A", "line1\nline2\rcr\ttab\"quote\\backslash"));
  }

  @Test
  void unknownEscapesInDoubleQuotesKeepTheBackslash() {
    assertThat(parse("A=\"C:\\Users\\q \\u0041\"\n"))
        .containsExactly(entry("A", "C:\\Users\\q \\u0041"));
  }

  @Test
  void backtickQuotesHoldBothOtherQuotesLiterally() {
    assertThat(parse("A=`it's \"quoted\" \\n #x`\n"))
        .containsExactly(entry("A", "it's \"quoted\" \\n #x"));
  }

  @Test
  void newlineEscapesAreExpandedOnlyInsideDoubleQuotes() {
    assertThat(parse("A=a\\nb\nB='a\\nb'\nC=`a\\nb`\nD=\"a\\nb\"\n"))
        .containsExactly(
            entry("A", "a\\nb"), entry("B", "a\\nb"), entry("C", "a\\nb"), entry("D", "a\nb"));
  }

  @Test
  void quotedValuesKeepInnerBlanksAndHashes() {
    assertThat(parse("A=\"  a # b  \"\nB='  c # d  '\nC=`  e # f  `\n"))
        .containsExactly(entry("A", "  a # b  "), entry("B", "  c # d  "), entry("C", "  e # f  "));
  }

  @Test
  void commentMayFollowAClosingQuote() {
    assertThat(parse("A=\"x\" # comment\nB='y'#comment\nC=`z`   \n"))
        .containsExactly(entry("A", "x"), entry("B", "y"), entry("C", "z"));
  }

  @Test
  void quotedValuesSpanLines() {
    String content = "KEY=\"-----BEGIN KEY-----\nabc\ndef\n-----END KEY-----\"\n"
        + "S='one\n  two'\nB=`x\n\ny`\nAFTER=1\n";
    assertThat(parse(content))
        .containsExactly(
            entry("KEY", "-----BEGIN KEY-----\nabc\ndef\n-----END KEY-----"),
            entry("S", "one\n  two"),
            entry("B", "x\n\ny"),
            entry("AFTER", "1"));
  }

  @Test
  void entriesRecordTheLineWhereTheirKeyStarts() {
    List<DotEnvEntry> entries = DotEnvParser.parse("# c\nA=\"1\n2\n3\"\n\nB='x'\n  C=3", ".env");
    assertThat(entries)
        .containsExactly(
            new DotEnvEntry("A", "1\n2\n3", 2, true),
            new DotEnvEntry("B", "x", 6, false),
            new DotEnvEntry("C", "3", 7, true));
  }

  @Test
  void laterDuplicatesWinAndKeepTheFirstPosition() {
    assertThat(parse("A=1\nB=2\nA=3\n"))
        .containsExactly(entry("A", "3"), entry("B", "2"));
    assertThat(DotEnvParser.parse("A=1\nA=3\n", ".env"))
        .extracting(DotEnvEntry::rawValue)
        .containsExactly("1", "3");
  }

  @Test
  void crlfAndCrLineEndingsAreLineBreaks() {
    assertThat(parse("A=1\r\nB=\"x\r\ny\"\r\nC=3\rD='4'\r"))
        .containsExactly(entry("A", "1"), entry("B", "x\ny"), entry("C", "3"), entry("D", "4"));
  }

  @Test
  void byteOrderMarkIsIgnored() {
    assertThat(parse("\uFEFFA=1\nB=2")).containsExactly(entry("A", "1"), entry("B", "2"));
  }

  @Test
  void keysMayContainDotsDashesAndDigits() {
    assertThat(parse("app.name=x\nmy-key=y\n1ST=z\nA_B.c-d=w\n"))
        .containsExactly(
            entry("app.name", "x"), entry("my-key", "y"), entry("1ST", "z"), entry("A_B.c-d", "w"));
  }

  @Test
  void emptyValuesAreEmptyStrings() {
    assertThat(parse("A=\nB=\"\"\nC=''\nD=``\nE=   \n"))
        .containsExactly(entry("A", ""), entry("B", ""), entry("C", ""), entry("D", ""), entry("E", ""));
  }

  @Test
  void lastLineNeedsNoNewline() {
    assertThat(parse("A=1\nB=\"two\"")).containsExactly(entry("A", "1"), entry("B", "two"));
  }

  @Test
  void nonAsciiValuesArePreserved() {
    assertThat(parse("A=héllo wörld ✓\nB=\"日本語\"\n"))
        .containsExactly(entry("A", "héllo wörld ✓"), entry("B", "日本語"));
  }

  @Test
  void backslashesOfExpandableValuesAreEscapedForTheExpander() {
    List<DotEnvEntry> entries = DotEnvParser.parse("A=C:\\dir\nB=\"x\\\\y\\$z\"\nC=\\$HOME\n", ".env");
    assertThat(entries)
        .extracting(DotEnvEntry::rawValue)
        .containsExactly("C:\\\\dir", "x\\\\y\\$z", "\\$HOME");
    assertThat(parse("A=C:\\dir\nB=\"x\\\\y\\$z\"\nC=\\$HOME\n"))
        .containsExactly(entry("A", "C:\\dir"), entry("B", "x\\y$z"), entry("C", "$HOME"));
  }

  @Test
  void unexpandedValueShowsTheValueAsWrittenWithSingleBackslashes() {
    List<DotEnvEntry> entries =
        DotEnvParser.parse("A=C:\\dir\\${X}\nB=\"x\\\\y \\$z\"\nC='a\\\\b $X'\n", ".env");
    assertThat(entries)
        .extracting(DotEnvEntry::unexpandedValue)
        .containsExactly("C:\\dir\\${X}", "x\\y \\$z", "a\\\\b $X");
  }

  @Test
  void largeFileParsesEveryEntry() {
    StringBuilder content = new StringBuilder("\uFEFF# generated\r\n");
    int count = 20_000;
    for (int i = 0; i < count; i++) {
      switch (i % 4) {
        case 0 -> content.append("KEY_").append(i).append("=value ").append(i).append(" # note\r\n");
        case 1 -> content.append("export KEY_").append(i).append("='single ").append(i).append("'\n");
        case 2 -> content.append("KEY_").append(i).append("=\"line\n").append(i).append("\"\n");
        default -> content.append("KEY_").append(i).append(": ${KEY_0}-").append(i).append("\n\n");
      }
    }
    Map<String, String> parsed = parse(content.toString());
    assertThat(parsed).hasSize(count);
    assertThat(parsed.get("KEY_0")).isEqualTo("value 0");
    assertThat(parsed.get("KEY_19997")).isEqualTo("single 19997");
    assertThat(parsed.get("KEY_19998")).isEqualTo("line\n19998");
    assertThat(parsed.get("KEY_19999")).isEqualTo("value 0-19999");
    assertThat(parsed.keySet()).first().isEqualTo("KEY_0");
    // A header line, then groups of four entries over six lines; the last entry opens line 6 of
    // group 4999.
    assertThat(DotEnvParser.parse(content.toString(), ".env").get(count - 1).line())
        .isEqualTo(30_000);
  }
}
