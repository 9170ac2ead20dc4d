package dev.envelope.internal.dotenv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envelope.DotEnvSyntax;
import dev.envelope.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The {@code COMPOSE} syntax against compose-go's own tests ({@code dotenv/godotenv_test.go},
 * {@code godotenv_var_expansion_test.go}, {@code parser_test.go} and their fixtures, at commit
 * e70e961): each of their assertions is one check here, with their input and expected value. Every
 * disagreement is one docs/dotenv.md lists on purpose.
 */
class ComposeGoParityTest {

  /** Check name, and why Envelope differs; docs/dotenv.md lists each. */
  private static final Map<String, String> KEPT_DIFFERENT = Map.of(
      "TestParsing =\"value\"", "a line with no name before '=' is an error, not a variable named \"\"",
      "TestReadPlainEnv size", "compose-go's Read drops names starting with a digit; docker compose"
          + " (GetEnvFromFile) keeps 456, and so does Envelope");

  private final Map<String, String> disagreements = new TreeMap<>();
  private int checks;

  @Test
  void composeGoTestCasesGiveComposeGoResultsExceptTheDocumentedDifferences() throws IOException {
    godotenvTest();
    varExpansionTest();
    parserTest();
    assertThat(disagreements).containsOnlyKeys(KEPT_DIFFERENT.keySet());
    assertThat(checks).isEqualTo(180); // so 178 of 180 agree
  }

  private void godotenvTest() throws IOException {
    Map<String, String> plain = Map.of("OPTION_A", "1", "OPTION_B", "2", "OPTION_C", "3", "OPTION_D", "4",
        "OPTION_E", "5", "OPTION_F", "", "OPTION_G", "", "OPTION_H", "my string");
    fixture("TestReadPlainEnv", "plain.env", Map.of(), plain);
    check("TestReadPlainEnv size", parse(fixture("plain.env"), Map.of()).size() == 8);
    values("TestParse", "ONE=1\nTWO='2'\nTHREE = \"3\"", Map.of(), Map.of("ONE", "1", "TWO", "2", "THREE", "3"));
    // Load never overrides the process environment; in Envelope the environment layer wins likewise.
    fixture("TestLoadPlainEnv", "plain.env", Map.of(), Map.of("OPTION_A", "1", "OPTION_B", "2", "OPTION_C", "3",
        "OPTION_D", "4", "OPTION_E", "5"));
    fixture("TestLoadExportedEnv", "exported.env", Map.of(), Map.of("OPTION_A", "2", "OPTION_B", "\\n"));
    fixture("TestLoadEqualsEnv", "equals.env", Map.of(),
        Map.of("OPTION_A", "postgres://localhost:5432/database?sslmode=disable"));
    Map<String, String> quoted = new LinkedHashMap<>();
    quoted.put("OPTION_A", "1");
    quoted.put("OPTION_B", "2");
    quoted.put("OPTION_C", "");
    quoted.put("OPTION_D", "\\n");
    quoted.put("OPTION_E", "1");
    quoted.put("OPTION_F", "2");
    quoted.put("OPTION_G", "");
    quoted.put("OPTION_H", "\n");
    quoted.put("OPTION_I", "echo 'asd'");
    quoted.put("OPTION_J", "first line\nsecond line\nthird line\nand so on");
    quoted.put("OPTION_K", "Let's go!");
    quoted.put("OPTION_Z", "last value");
    fixture("TestLoadQuotedEnv", "quoted.env", Map.of(), quoted);
    fixture("TestLoadUnquotedEnv", "unquoted.env", Map.of(), Map.of("OPTION_A", "some quoted phrase",
        "OPTION_B", "first one with an unquoted phrase", "OPTION_C", "then another one with an unquoted phrase",
        "OPTION_D", "then another one with an unquoted phrase special è char",
        "OPTION_E", "then another one quoted phrase"));
    Map<String, String> substitutions =
        Map.of("OPTION_A", "1", "OPTION_B", "1", "OPTION_C", "1", "OPTION_D", "1_1", "OPTION_E", "");
    fixture("TestSubstitutions", "substitutions.env", Map.of(), substitutions);

    values("TestExpanding 1", "FOO=test\nBAR=$FOO", Map.of(), Map.of("FOO", "test", "BAR", "test"));
    values("TestExpanding 2", "FOO=test\nBAR=${FOO}bar", Map.of(), Map.of("FOO", "test", "BAR", "testbar"));
    values("TestExpanding 3", "BAR=$FOO", Map.of(), Map.of("BAR", ""));
    values("TestExpanding 4", "FOO=test\nBAR=\"quote $FOO\"", Map.of(), Map.of("FOO", "test", "BAR", "quote test"));
    values("TestExpanding 5", "BAR='quote $FOO'", Map.of(), Map.of("BAR", "quote $FOO"));
    values("TestExpanding 6", "FOO=\"foo\\$BAR\"", Map.of(), Map.of("FOO", "foo$BAR"));
    values("TestExpanding 7", "FOO=\"foo\\${BAR}\"", Map.of(), Map.of("FOO", "foo${BAR}"));
    values("TestExpanding 8", "FOO=test\nBAR=\"foo\\${FOO} ${FOO}\"", Map.of(),
        Map.of("FOO", "test", "BAR", "foo${FOO} test"));

    String urls = "stratum+tcp://stratum.antpool.com:3333\nstratum+tcp://stratum.antpool.com:443";
    values("TestVariableStringValueSeparator", "TEST_URLS=\"" + urls + "\"", Map.of(), Map.of("TEST_URLS", urls));
    check("TestVariableStringValueSeparator size", parse("TEST_URLS=\"" + urls + "\"", Map.of()).size() == 1);

    parsing();
    for (String input : List.of("KEY=\"", "KEY=\"value", "KEY=\"value\\\"", "KEY=\"value'", "KEY='", "KEY='value",
        "KEY='value\\'", "KEY='value\"")) {
      error("TestUnterminatedQuotes " + input, input, "unterminated");
    }
    for (String input : List.of("\n", "\r\n", "\t\t ", "# Comment", "\t # comment")) {
      check("TestLinesToIgnore " + input.strip(), parse(input, Map.of()).isEmpty());
    }
    values("TestLinesToIgnore non-ignored", "export OPTION_B='\\n'", Map.of(), Map.of("OPTION_B", "\\n"));
    error("TestErrorParsing", fixture("invalid1.env"), ":7: a variable name cannot contain a space");

    String key = "VAR_TO_BE_LOADED_FROM_OS_ENV";
    Map<String, String> os = Map.of(key, "SOME_RANDOM_VALUE");
    fixture("TestInheritedEnvVariableSameSize", "inherited-multi-var.env", os,
        Map.of(key, "SOME_RANDOM_VALUE", "foo", "bar", "bar", "baz"));
    check("TestInheritedEnvVariableSameSize size", parse(fixture("inherited-multi-var.env"), os).size() == 3);
    fixture("TestInheritedEnvVariableSingleVar", "inherited-single-var.env", os, Map.of(key, "SOME_RANDOM_VALUE"));
    check("TestInheritedEnvVariableSingleVar size", parse(fixture("inherited-single-var.env"), os).size() == 1);
    check("TestInheritedEnvVariableNotFound",
        !parse(fixture("inherited-not-found.env"), Map.of()).containsKey("VARIABLE_NOT_FOUND"));
    check("TestInheritedEnvVariableNotFoundWithLookup",
        !parse(fixture("inherited-not-found.env"), os).containsKey("VARIABLE_NOT_FOUND"));
    values("TestExpandingEnvironmentWithLookup", "TEST=$ME", Map.of("ME", "YES"), Map.of("TEST", "YES"));

    Map<String, String> five = Map.of("OPTION_A", "5");
    fixture("TestSubstitutionsWithEnvFilePrecedence", "substitutions.env", five,
        Map.of("OPTION_A", "1", "OPTION_B", "5", "OPTION_C", "5", "OPTION_D", "5_5", "OPTION_E", ""));
    check("TestSubstitutionsWithEnvFilePrecedence size", parse(fixture("substitutions.env"), five).size() == 5);
    fixture("TestSubstitutionsWithEnvFileDefaultValuePrecedence", "substitutions-default.env", five,
        Map.of("OPTION_A", "5", "OPTION_B", "5", "OPTION_C", "5", "OPTION_D", "5_5", "OPTION_E", ""));
    fixture("TestSubstitutionsWithUnsetVarEnvFileDefaultValuePrecedence", "substitutions-default.env", Map.of(),
        substitutions);
    check("TestUTF8BOM fixture starts with a BOM", fixture("utf8-bom.env").startsWith("\uFEFF"));
    fixture("TestUTF8BOM", "utf8-bom.env", Map.of(), Map.of("OPTION_A", "1", "OPTION_B", "2", "OPTION_C", "3",
        "OPTION_D", "4", "OPTION_E", "5"));
    fixture("TestDash", "special.env", Map.of(),
        Map.of("VAR-WITH-DASHES", "dashes", "VAR.WITH.DOTS", "dots", "VAR_WITH_UNDERSCORES", "underscores"));

    String base = "\nENV_HOSTNAME=localhost\nENV_MY_URL=\"http://${ENV_HOSTNAME}\"\n";
    String override = "\nENV_HOSTNAME=dev.my-company.com\nENV_MY_URL=\"http://${ENV_HOSTNAME}\"\n";
    files("TestMultipleFiles", base, override, Map.of(),
        Map.of("ENV_HOSTNAME", "dev.my-company.com", "ENV_MY_URL", "http://dev.my-company.com"));
    files("TestMultipleFiles with environment", base, override, Map.of("ENV_HOSTNAME", "host.local"),
        Map.of("ENV_HOSTNAME", "dev.my-company.com", "ENV_MY_URL", "http://host.local"));
  }

  /** TestParsing: one check per parseAndCompare. */
  private void parsing() {
    one("FOO=bar", "FOO", "bar");
    one("FOO =bar", "FOO", "bar");
    one("FOO= bar", "FOO", "bar");
    one("FOO=\"bar\"", "FOO", "bar");
    one("FOO='bar'", "FOO", "bar");
    one("FOO=\"escaped\\\"bar\"", "FOO", "escaped\"bar");
    one("FOO=\"\\\"quoted\\\"\"", "FOO", "\"quoted\"");
    one("FOO=\"'d'\"", "FOO", "'d'");
    one("OPTION_A: 1", "OPTION_A", "1");
    one("OPTION_A: Foo=bar", "OPTION_A", "Foo=bar");
    one("OPTION_A=1:B", "OPTION_A", "1:B");
    one("export OPTION_A=2", "OPTION_A", "2");
    one("export OPTION_B='\\n'", "OPTION_B", "\\n");
    one("export exportFoo=2", "exportFoo", "2");
    one("exportFOO=2", "exportFOO", "2");
    one("export_FOO =2", "export_FOO", "2");
    one("export.FOO= 2", "export.FOO", "2");
    one("export\tOPTION_A=2", "OPTION_A", "2");
    one("  export OPTION_A=2", "OPTION_A", "2");
    one("\texport OPTION_A=2", "OPTION_A", "2");
    one("export OPTION_A=\"export A\"", "OPTION_A", "export A");
    one("FOO=\"bar\\nbaz\"", "FOO", "bar\nbaz");
    one("FOO=a\\tb", "FOO", "a\\tb");
    one("FOO=\"a\\tb\"", "FOO", "a\tb");
    one("KEY=\"Z\\aZ\\bZ\\fZ\\nZ\\rZ\\tZ\\vZ\\\\Z\\0123Z\"", "KEY", "Z\u0007Z\bZ\fZ\nZ\rZ\tZ\u000BZ\\ZSZ");
    one("FOO.BAR=foobar", "FOO.BAR", "foobar");
    one("FOO=foobar=", "FOO", "foobar=");
    one("FOO=bar ", "FOO", "bar");
    one("FOO=bar # this is foo", "FOO", "bar");
    one("FOO=bar #this is foo", "FOO", "bar");
    one("FOO=bar #", "FOO", "bar");
    one("FOO=123#not-an-inline-comment", "FOO", "123#not-an-inline-comment");
    one("FOO=\"bar#baz\"", "FOO", "bar#baz");
    one("FOO=\"bar#baz\"#", "FOO", "bar#baz");
    one("FOO=\"bar#baz\" # comment", "FOO", "bar#baz");
    one("FOO='bar#baz' # comment", "FOO", "bar#baz");
    one("FOO=\"bar#baz#bang\" # comment", "FOO", "bar#baz#bang");
    one("FOO=\"ba#r\"", "FOO", "ba#r");
    one("FOO='ba#r'", "FOO", "ba#r");
    one("FOO=\"bar\\n\\ b\\az\"", "FOO", "bar\n\\ b\u0007z");
    one("FOO=\"bar\\\\\\n\\ b\\az\"", "FOO", "bar\\\n\\ b\u0007z");
    one("FOO=\"bar\\\\r\\ b\\az\"", "FOO", "bar\\r\\ b\u0007z");
    one("FOO=\"bar\\nbaz\\\\\"", "FOO", "bar\nbaz\\");
    try {
      one("=\"value\"", "", "value");
    } catch (DotEnvSyntaxException e) {
      disagree("TestParsing =\"value\"", "error");
    }
    one(" KEY =value", "KEY", "value");
    one("   KEY=value", "KEY", "value");
    one("\tKEY=value", "KEY", "value");
    one("KEY=\"\\0123\"", "KEY", "S");
    one("KEY=\"\\x07\"", "KEY", "\\x07");
    one("KEY=\"\\u12e4\"", "KEY", "\\u12e4");
    one("KEY=\"\\U00101234\"", "KEY", "\\U00101234");
    error("TestParsing lol$wut", "lol$wut", "invalid character at column 4");
  }

  private void varExpansionTest() {
    String lines = "EMPTY_VAR=\nTEST_VAR=Test Value\n";
    expansion("TestExpandIfEmptyOrUnset UNSET_VAR", lines + "R=RESULT=${UNSET_VAR:-Default Value}", "RESULT=Default Value");
    expansion("TestExpandIfEmptyOrUnset EMPTY_VAR", lines + "R=RESULT=${EMPTY_VAR:-Default Value}", "RESULT=Default Value");
    expansion("TestExpandIfEmptyOrUnset TEST_VAR", lines + "R=RESULT=${TEST_VAR:-Default Value}", "RESULT=Test Value");
    expansion("TestExpandIfUnset UNSET_VAR", lines + "R=RESULT=${UNSET_VAR-Default Value}", "RESULT=Default Value");
    expansion("TestExpandIfUnset EMPTY_VAR", lines + "R=RESULT=${EMPTY_VAR-Default Value}", "RESULT=");
    expansion("TestExpandIfUnset TEST_VAR", lines + "R=RESULT=${TEST_VAR-Default Value}", "RESULT=Test Value");
    required("TestErrorIfEmptyOrUnset UNSET_VAR", lines + "R=RESULT=${UNSET_VAR:?Test error}", "UNSET_VAR",
        Problem.Kind.MISSING, "Test error");
    required("TestErrorIfEmptyOrUnset EMPTY_VAR", lines + "R=RESULT=${EMPTY_VAR:?Test error}", "EMPTY_VAR",
        Problem.Kind.INVALID, "Test error");
    expansion("TestErrorIfEmptyOrUnset TEST_VAR", lines + "R=RESULT=${TEST_VAR:?Default Value}", "RESULT=Test Value");
    required("TestErrorIfUnset UNSET_VAR", lines + "R=RESULT=${UNSET_VAR?Test error}", "UNSET_VAR",
        Problem.Kind.MISSING, "Test error");
    expansion("TestErrorIfUnset EMPTY_VAR", lines + "R=RESULT=${EMPTY_VAR?Test error}", "RESULT=");
    expansion("TestErrorIfUnset TEST_VAR", lines + "R=RESULT=${TEST_VAR?Default Value}", "RESULT=Test Value");
  }

  private void parserTest() {
    String input = "\na=b\na[1]=c\na.propertyKey=d\nárvíztűrő-TÜKÖRFÚRÓGÉP=ÁRVÍZTŰRŐ-tükörfúrógép\n";
    values("TestParseBytes", input, Map.of(), Map.of("a", "b", "a[1]", "c", "a.propertyKey", "d",
        "árvíztűrő-TÜKÖRFÚRÓGÉP", "ÁRVÍZTŰRŐ-tükörfúrógép"));
    check("TestParseBytes size", parse(input, Map.of()).size() == 4);
    error("TestParseVariable", "%!(EXTRA string)=foo", "invalid character at column 1");
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      many.append(i == 0 ? "" : "\n").append("KEY").append(i).append("=VALUE").append(i);
    }
    check("TestMemoryExplosion", parse(many.toString(), Map.of()).size() == 1000);
  }

  // --- checks ---

  private void one(String input, String key, String expected) {
    values("TestParsing " + input, input, Map.of(), Map.of(key, expected));
  }

  private void values(String name, String input, Map<String, String> environment, Map<String, String> expected) {
    Map<String, String> actual = parse(input, environment);
    expected.forEach((key, value) -> check(name + " " + key, value.equals(actual.get(key)), actual.get(key)));
  }

  private void fixture(String name, String file, Map<String, String> environment, Map<String, String> expected)
      throws IOException {
    Map<String, String> actual =
        DotEnvParser.parseAndExpand(fixture(file), file, environment, DotEnvSyntax.COMPOSE);
    expected.forEach((key, value) -> check(name + " " + key, value.equals(actual.get(key)), actual.get(key)));
  }

  private void files(String name, String base, String override, Map<String, String> environment,
      Map<String, String> expected) {
    Map<String, List<DotEnvEntry>> highestFirst = new LinkedHashMap<>();
    highestFirst.put("override.env", DotEnvParser.parse(override, "override.env", DotEnvSyntax.COMPOSE));
    highestFirst.put("base.env", DotEnvParser.parse(base, "base.env", DotEnvSyntax.COMPOSE));
    DotEnvExpansion expansion = DotEnvExpansion.of(DotEnvSyntax.COMPOSE, highestFirst, environment::get);
    Map<String, DotEnvExpansion.Value> actual = expansion.values("override.env");
    expected.forEach((key, value) -> check(name + " " + key,
        actual.containsKey(key) && value.equals(actual.get(key).value()), key));
  }

  private void expansion(String name, String input, String expected) {
    String actual = parse(input, Map.of()).get("R");
    check(name, expected.equals(actual), actual);
  }

  private void required(String name, String input, String variable, Problem.Kind kind, String reason) {
    DotEnvExpansion expansion = DotEnvExpansion.of(DotEnvSyntax.COMPOSE,
        Map.of(".env", DotEnvParser.parse(input, ".env", DotEnvSyntax.COMPOSE)), key -> null);
    boolean failed = expansion.problems().size() == 1
        && expansion.problems().get(0).variable().equals(variable)
        && expansion.problems().get(0).kind() == kind
        && expansion.problems().get(0).detail().endsWith(": " + reason)
        && !expansion.values(".env").containsKey("R");
    check(name, failed, expansion.problems());
  }

  private void error(String name, String input, String fragment) {
    try {
      parse(input, Map.of());
      disagree(name, "no error");
    } catch (DotEnvSyntaxException e) {
      check(name, e.getMessage().contains(fragment), e.getMessage());
    }
  }

  private void check(String name, boolean agrees) {
    check(name, agrees, "");
  }

  private void check(String name, boolean agrees, Object actual) {
    checks++;
    if (!agrees) {
      disagreements.put(name, String.valueOf(actual));
    }
  }

  private void disagree(String name, String actual) {
    check(name, false, actual);
  }

  private static Map<String, String> parse(String input, Map<String, String> environment) {
    return DotEnvParser.parseAndExpand(input, "compose-go", environment, DotEnvSyntax.COMPOSE);
  }

  private static String fixture(String name) throws IOException {
    try (InputStream in = ComposeGoParityTest.class.getResourceAsStream("/dotenv/compose-go/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
