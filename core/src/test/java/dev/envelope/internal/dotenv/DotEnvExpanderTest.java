package dev.envelope.internal.dotenv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expansion of references: environment first, then entries, then defaults; escapes and cycles. */
class DotEnvExpanderTest {
  private static final String CANARY = "canaryXk92";

  private static Map<String, String> expand(String content, Map<String, String> environment) {
    return DotEnvParser.parseAndExpand(content, ".env", environment);
  }

  private static Map<String, String> expand(String content) {
    return expand(content, Map.of());
  }

  private static DotEnvSyntaxException failure(String content, Map<String, String> environment) {
    return catchThrowableOfType(() -> expand(content, environment), DotEnvSyntaxException.class);
  }

  @Test
  void bracedAndBareReferencesResolveToEntries() {
    assertThat(expand("HOST=db\nPORT=5432\nURL=postgres://${HOST}:$PORT/app\n"))
        .containsEntry("URL", "postgres://db:5432/app");
  }

  @Test
  void referencesMayPointForward() {
    assertThat(expand("URL=http://$HOST/\nHOST=example.com\n"))
        .containsExactly(entry("URL", "http://example.com/"), entry("HOST", "example.com"));
  }

  @Test
  void referencesResolveRecursively() {
    assertThat(expand("A=${B}-a\nB=${C}-b\nC=c\n")).containsEntry("A", "c-b-a");
  }

  @Test
  void environmentWinsOverEntries() {
    assertThat(expand("USER=file\nGREETING=hi ${USER}\n", Map.of("USER", "env")))
        .containsExactly(entry("USER", "file"), entry("GREETING", "hi env"));
  }

  @Test
  void environmentValuesAreNotExpanded() {
    assertThat(expand("A=${FROM_ENV}\nX=file\n", Map.of("FROM_ENV", "p@$$w0rd ${X}")))
        .containsEntry("A", "p@$$w0rd ${X}");
  }

  @Test
  void unsetReferenceWithoutDefaultIsEmpty() {
    assertThat(expand("A=[${NOPE}][$NOPE]\n")).containsEntry("A", "[][]");
  }

  @Test
  void colonDashDefaultAppliesWhenUnsetOrEmpty() {
    assertThat(expand("EMPTY=\nA=${UNSET:-d}|${EMPTY:-d}|${ENV_EMPTY:-d}|${SET:-d}\n",
            Map.of("ENV_EMPTY", "", "SET", "s")))
        .containsEntry("A", "d|d|d|s");
  }

  @Test
  void dashDefaultAppliesOnlyWhenUnset() {
    assertThat(expand("EMPTY=\nA=${UNSET-d}|${EMPTY-d}|${ENV_EMPTY-d}|${SET-d}\n",
            Map.of("ENV_EMPTY", "", "SET", "s")))
        .containsEntry("A", "d|||s");
  }

  @Test
  void defaultsMayNestAndReferToEntries() {
    assertThat(expand("FALLBACK=fb\nA=${X:-${Y:-${FALLBACK}}}/${X:-a ${FALLBACK} b}\n"))
        .containsEntry("A", "fb/a fb b");
  }

  @Test
  void defaultMayContainColonsAndDashes() {
    assertThat(expand("A=${DB_URL:-postgres://localhost:5432/app-dev}\n"))
        .containsEntry("A", "postgres://localhost:5432/app-dev");
  }

  @Test
  void escapedDollarIsLiteralInUnquotedDoubleAndBacktickValues() {
    assertThat(expand("X=x\nA=\\$X\nB=\"\\${X}\"\nC=`cost \\$5 \\$X`\n"))
        .containsEntry("A", "$X")
        .containsEntry("B", "${X}")
        .containsEntry("C", "cost $5 $X");
  }

  @Test
  void escapedBackslashBeforeAReferenceKeepsTheReference() {
    assertThat(expand("X=x\nA=\"dir\\\\$X\"\nB=a\\\\$X\n"))
        .containsEntry("A", "dir\\x")
        .containsEntry("B", "a\\$X");
  }

  @Test
  void dollarNotFollowedByANameIsLiteral() {
    assertThat(expand("A=pa$5word $ $$ $-x $\n")).containsEntry("A", "pa$5word $ $$ $-x $");
  }

  @Test
  void bareNameStopsAtADotButBracedNamesMayHaveDots() {
    assertThat(expand("HOST=api\napp.name=demo\nA=$HOST.example.com\nB=${app.name}\n"))
        .containsEntry("A", "api.example.com")
        .containsEntry("B", "demo");
  }

  @Test
  void singleQuotedValuesAreNotExpanded() {
    assertThat(expand("X=x\nA='$X ${X} \\$X'\n")).containsEntry("A", "$X ${X} \\$X");
  }

  @Test
  void referenceToASingleQuotedValueIsNotExpandedFurther() {
    assertThat(expand("X=x\nLITERAL='${X}'\nA=[${LITERAL}]\n")).containsEntry("A", "[${X}]");
  }

  @Test
  void selfReferenceResolvesToTheEnvironment() {
    assertThat(expand("PATH=${PATH}:/opt/bin\n", Map.of("PATH", "/usr/bin")))
        .containsEntry("PATH", "/usr/bin:/opt/bin");
  }

  @Test
  void selfReferenceWithoutEnvironmentIsUnsetNotACycle() {
    assertThat(expand("PATH=${PATH}:/opt/bin\nPORT=${PORT:-3000}\nHOST=${HOST-localhost}\n"))
        .containsExactly(entry("PATH", ":/opt/bin"), entry("PORT", "3000"), entry("HOST", "localhost"));
  }

  @Test
  void selfReferenceDoesNotSeeAnEarlierDuplicate() {
    assertThat(expand("FLAGS=-a\nFLAGS=${FLAGS} -b\n")).containsEntry("FLAGS", " -b");
  }

  @Test
  void selfReferenceInsideAnotherEntrysChainSeesOnlyTheEnvironment() {
    assertThat(expand("A=[${B}]\nB=${B:-b}\n", Map.of())).containsEntry("A", "[b]");
    assertThat(expand("A=[${B}]\nB=${B:-b}\n", Map.of("B", "env"))).containsEntry("A", "[env]");
  }

  @Test
  void cycleNamesEveryVariableAndWhereTheyAre() {
    assertThat(failure("A=${B}\nB=x$C\n# c\nC=${A:-none}\n", Map.of()))
        .hasMessage(".env:1: reference cycle A -> B -> C -> A (B at .env:2, C at .env:4)");
  }

  @Test
  void cycleNotReachedFromTheFirstEntryIsReportedFromItsOwnStart() {
    assertThat(failure("A=${B}\nB=${C}\nC=${B}\n", Map.of()))
        .hasMessage(".env:2: reference cycle B -> C -> B (C at .env:3)");
  }

  @Test
  void environmentBreaksACycle() {
    assertThat(expand("A=${B}\nB=${A}\n", Map.of("B", "env")))
        .containsExactly(entry("A", "env"), entry("B", "env"));
  }

  @Test
  void defaultThatIsNotUsedDoesNotFormACycle() {
    assertThat(expand("A=${SET:-${A}}\n", Map.of("SET", "s"))).containsEntry("A", "s");
  }

  @Test
  void malformedReferencesAreErrorsNamingTheEntryButNotTheValue() {
    String hint = "; write \\$ for a literal $, or single-quote the value";
    String unclosed = "invalid reference in the value of A: '${' is never closed by '}'" + hint;
    assertThat(failure("\nA=x${B\n", Map.of())).hasMessage(".env:2: " + unclosed);
    assertThat(failure("A=${\n", Map.of())).hasMessage(".env:1: " + unclosed);
    assertThat(failure("A=${B:-${C:-x}\n", Map.of())).hasMessage(".env:1: " + unclosed);
    assertThat(failure("A=${}\n", Map.of()))
        .hasMessage(".env:1: invalid reference in the value of A: '${' is not followed by a name (a name"
            + " is made of ASCII letters, digits, '_' and '.')" + hint);
    assertThat(failure("A=${B:=assign}\n", Map.of()))
        .hasMessage(".env:1: invalid reference in the value of A: the name after '${' may only be"
            + " followed by '}' or an operator (supported: ${NAME}, ${NAME:-default}, ${NAME-default},"
            + " ${NAME:+alternate}, ${NAME+alternate}, ${NAME:?message}, ${NAME?message})" + hint);
  }

  @Test
  void malformedReferenceInASecretDoesNotRevealIt() {
    String secret = "Pa55${" + CANARY;
    DotEnvSyntaxException e = failure("DB_PASSWORD=" + secret + "\n", Map.of());
    assertThat(e).hasMessageStartingWith(".env:1: invalid reference in the value of DB_PASSWORD: ");
    assertThat(e.getMessage()).doesNotContain(CANARY).doesNotContain("Pa55");
  }

  @Test
  void escapedOrSingleQuotedDollarBraceIsNotAReference() {
    assertThat(expand("A=Pa55\\${x\nB='Pa55${x'\n"))
        .containsExactly(entry("A", "Pa55${x"), entry("B", "Pa55${x"));
  }

  @Test
  void longReferenceChainsWork() {
    StringBuilder content = new StringBuilder();
    for (int i = 0; i < DotEnvExpander.MAX_DEPTH - 1; i++) {
      content.append("V").append(i).append("=${V").append(i + 1).append("}\n");
    }
    content.append("V").append(DotEnvExpander.MAX_DEPTH - 1).append("=end\n");
    assertThat(expand(content.toString())).containsEntry("V0", "end");
  }

  @Test
  void tooDeepReferenceChainIsAnErrorNotAStackOverflow() {
    StringBuilder content = new StringBuilder();
    for (int i = 0; i < 5_000; i++) {
      content.append("V").append(i).append("=${V").append(i + 1).append("}\n");
    }
    assertThat(failure(content.toString(), Map.of()))
        .hasMessage(".env:1: references nested more than 100 levels deep, starting at V0");
  }

  @Test
  void mergedEntriesFromSeveralFilesNameEachSourceInACycle() {
    Map<String, DotEnvEntry> entries = new LinkedHashMap<>();
    entries.put("A", new DotEnvEntry("A", "${B}", 3, true));
    entries.put("B", new DotEnvEntry("B", "${A}", 7, true));
    entries.put("C", new DotEnvEntry("C", "${D}", 1, true));
    Map<String, String> sources = Map.of("A", ".env.local", "B", ".env", "C", ".env");
    assertThatThrownBy(() -> DotEnvExpander.expand(entries, sources, name -> null))
        .isInstanceOf(DotEnvSyntaxException.class)
        .hasMessage(".env.local:3: reference cycle A -> B -> A (B at .env:7)");
  }

  @Test
  void mergedEntriesExpandAcrossFilesInTheGivenOrder() {
    Map<String, DotEnvEntry> entries = new LinkedHashMap<>();
    entries.put("URL", new DotEnvEntry("URL", "https://${HOST}:${PORT:-443}", 1, true));
    entries.put("HOST", new DotEnvEntry("HOST", "local.test", 4, true));
    entries.put("RAW", new DotEnvEntry("RAW", "${HOST}", 2, false));
    Map<String, String> sources = Map.of("URL", ".env", "HOST", ".env.local", "RAW", ".env");
    Map<String, String> environment = Map.of("PORT", "8443");
    assertThat(DotEnvExpander.expand(entries, sources, environment::get))
        .containsExactly(
            entry("URL", "https://local.test:8443"), entry("HOST", "local.test"), entry("RAW", "${HOST}"));
  }

  @Test
  void expandRejectsAnEntryFiledUnderAnotherKeyOrWithoutSource() {
    Map<String, DotEnvEntry> misfiled = Map.of("A", new DotEnvEntry("B", "x", 1, true));
    assertThatThrownBy(() -> DotEnvExpander.expand(misfiled, Map.of("A", ".env"), name -> null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("entry B is filed under A");
    Map<String, DotEnvEntry> entries = Map.of("A", new DotEnvEntry("A", "x", 1, true));
    assertThatThrownBy(() -> DotEnvExpander.expand(entries, Map.of(), name -> null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no source given for A");
  }

  @Test
  void expandedMapIsUnmodifiable() {
    Map<String, String> expanded = expand("A=1\n");
    assertThatThrownBy(() -> expanded.put("B", "2")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void alternatesApplyWhenTheVariableIsSetAndMayHoldReferences() {
    assertThat(expand("EMPTY=\nHOST=db\nA=${HOST:+//${HOST}}\nB=${EMPTY:+x}\nC=${EMPTY+x}\nD=${UNSET+x}\n"))
        .containsEntry("A", "//db").containsEntry("B", "").containsEntry("C", "x").containsEntry("D", "");
  }

  @Test
  void requiredReferenceResolvedByTheEnvironmentOrAnEntryGivesItsValue() {
    assertThat(expand("HOST=db\nA=${HOST:?set HOST}\nB=${PORT?set PORT}\n", Map.of("PORT", "")))
        .containsEntry("A", "db").containsEntry("B", "");
  }

  @Test
  void failedRequiredReferenceLeavesOnlyItsEntryWithoutAValueAndNamesIt() {
    DotEnvExpander.Result result = DotEnvExpander.expandAll(
        Map.of("URL", new DotEnvEntry("URL", "https://${HOST:?set HOST}", 4, true),
            "COPY", new DotEnvEntry("COPY", "${URL}", 5, true),
            "OTHER", new DotEnvEntry("OTHER", "ok", 6, true)),
        Map.of("URL", ".env", "COPY", ".env", "OTHER", ".env"), name -> null);

    assertThat(result.values()).containsOnlyKeys("COPY", "OTHER").containsEntry("COPY", "");
    assertThat(result.problems()).extracting(DotEnvIssue::toProblem).extracting(Object::toString)
        .containsExactly("HOST: required but not set (needed by URL): set HOST (.env:4)");
  }

  @Test
  void plainReferenceToANameSetNowhereWarnsOnceAndOperatorsOrSelfReferencesDoNot() {
    DotEnvExpander.Result result = DotEnvExpander.expandAll(
        Map.of("A", new DotEnvEntry("A", "$X$Y", 1, true),
            "B", new DotEnvEntry("B", "${X:-d}${X+x}${B}", 2, true),
            "C", new DotEnvEntry("C", "${A}", 3, true)),
        Map.of("A", ".env", "B", ".env", "C", ".env"), name -> null);

    assertThat(result.warnings()).extracting(DotEnvIssue::variable, DotEnvIssue::line)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("A", 1));
  }

  @Test
  void nestedDefaultsDeeperThanTheLimitFailAtParseTime() {
    String nested = "${X:-".repeat(DotEnvExpander.MAX_DEPTH + 1) + "v" + "}".repeat(DotEnvExpander.MAX_DEPTH + 1);
    assertThat(failure("A=" + nested + "\n", Map.of()))
        .hasMessage(".env:1: invalid reference in the value of A: references nest more than 100 levels deep"
            + "; write \\$ for a literal $, or single-quote the value");
    String allowed = "${X:-".repeat(DotEnvExpander.MAX_DEPTH - 1) + "v" + "}".repeat(DotEnvExpander.MAX_DEPTH - 1);
    assertThat(expand("A=" + allowed + "\n")).containsEntry("A", "v");
  }
}
