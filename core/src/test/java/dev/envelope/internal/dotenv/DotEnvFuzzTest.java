package dev.envelope.internal.dotenv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.envelope.DotEnvSyntax;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A seeded, bounded fuzz of both syntaxes: {@value #INPUTS} generated files each, built from the
 * pieces that break parsers (quotes left open, escapes, nested and malformed references, operators,
 * cycles, byte order marks, CR and CRLF, tabs, non-ASCII names). For every input: the only exception
 * is {@link DotEnvSyntaxException}; a second run gives the same result; every line number lies in the
 * file; and no message quotes the canary that every value carries, whose characters no name may hold.
 */
class DotEnvFuzzTest {
  private static final int INPUTS = 4000;
  private static final String CANARY = "%@CANARY@%";

  private static final String[] KEYS = {"A", "B", "C", "DB_URL", "app.name", "x-y", "árvíz", "a[1]", "export", "456"};
  private static final String[] PIECES = {
      "plain", " ", "\t", "#", " #", "#x", "'", "\"", "`", "\\", "\\n", "\\t", "\\\"", "\\'", "\\$", "\\\\",
      "\\0123", "\\a", "$", "$$", "$A", "${A}", "${B}", "${C}", "${DB_URL}", "${A:-", "${A-d}", "${A:-${B:-x}}",
      "${A:+alt}", "${A+alt}", "${A:?need A}", "${A?}", "${", "}", "${}", "${A", "${A:x}", "${app.name}",
      "$(cmd)", "=", ":", "\uFEFF", "\r", "é", CANARY, CANARY, CANARY};

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void generatedFilesFailOnlyWithTheDocumentedExceptionDeterministicallyAndWithoutQuotingValues() {
    for (DotEnvSyntax syntax : DotEnvSyntax.values()) {
      Random random = new Random(20_261_201L + syntax.ordinal());
      int failures = 0;
      for (int i = 0; i < INPUTS; i++) {
        String input = file(random);
        Map<String, String> environment = random.nextBoolean() ? Map.of() : Map.of("A", "env-a", "B", "");
        String first = outcome(syntax, input, environment);
        assertThat(outcome(syntax, input, environment)).as("determinism, input %d", i).isEqualTo(first);
        failures += first.startsWith("error") ? 1 : 0;
      }
      // Both outcomes must be common, or the generator tests only one path.
      assertThat(failures).as(syntax.name()).isBetween(INPUTS / 10, INPUTS * 9 / 10);
    }
  }

  /** Returns a description of what parsing {@code input} gives, checking each property on the way. */
  private static String outcome(DotEnvSyntax syntax, String input, Map<String, String> environment) {
    int lines = lines(syntax, input);
    try {
      List<DotEnvEntry> entries = DotEnvParser.parse(input, ".env", syntax);
      int previous = 1;
      for (DotEnvEntry entry : entries) {
        assertThat(entry.line()).as("entry line").isBetween(previous, lines);
        previous = entry.line();
      }
      DotEnvExpansion expansion = DotEnvExpansion.of(syntax, Map.of(".env", entries), environment::get);
      StringBuilder out = new StringBuilder("ok ").append(expansion.values(".env"));
      List<DotEnvIssue> issues = new ArrayList<>(expansion.problems());
      issues.addAll(expansion.warnings());
      for (DotEnvIssue issue : issues) {
        assertThat(issue.line()).as("issue line").isBetween(1, lines);
        assertThat(issue.toProblem().toString()).doesNotContain("CANARY");
        out.append(' ').append(issue);
      }
      return out.toString();
    } catch (DotEnvSyntaxException e) {
      assertThat(e.line()).as("error line of %s", e.getMessage()).isBetween(1, lines);
      assertThat(e.getMessage()).startsWith(".env:" + e.line() + ": ").doesNotContain("CANARY");
      return "error " + e.getMessage();
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      return fail("unexpected " + e + " for input " + input.replace("\n", "\\n"), e);
    }
  }

  private static String file(Random random) {
    StringBuilder file = new StringBuilder();
    int count = 1 + random.nextInt(8);
    for (int line = 0; line < count; line++) {
      int shape = random.nextInt(10);
      if (shape == 0) {
        file.append("# ").append(CANARY);
      } else if (shape == 1) {
        file.append(random.nextBoolean() ? "" : "  ");
      } else {
        if (random.nextInt(6) == 0) {
          file.append("export ");
        }
        file.append(KEYS[random.nextInt(KEYS.length)]);
        file.append(new String[] {"=", " = ", ": ", ":", "="}[random.nextInt(5)]);
        String quote = new String[] {"", "", "'", "\"", "`"}[random.nextInt(5)];
        file.append(quote);
        int pieces = random.nextInt(6);
        for (int p = 0; p < pieces; p++) {
          file.append(PIECES[random.nextInt(PIECES.length)]);
        }
        file.append(CANARY);
        if (random.nextInt(8) != 0) {
          file.append(quote);
        }
        if (random.nextInt(5) == 0) {
          file.append(" # note");
        }
      }
      file.append(new String[] {"\n", "\n", "\n", "\r\n", "\r"}[random.nextInt(5)]);
    }
    return file.toString();
  }

  /** Returns how many lines the syntax sees in {@code input}: Compose breaks at LF only. */
  private static int lines(DotEnvSyntax syntax, String input) {
    String text = syntax == DotEnvSyntax.COMPOSE ? input : input.replace("\r\n", "\n").replace('\r', '\n');
    return 1 + (int) text.chars().filter(c -> c == '\n').count();
  }
}
