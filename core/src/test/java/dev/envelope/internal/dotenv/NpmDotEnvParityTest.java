package dev.envelope.internal.dotenv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The {@code DOTENV} syntax against the npm packages themselves: the fixtures of {@code dotenv}
 * 17.4.2 and {@code dotenv-expand} 12.0.3, with the values those packages give for them (computed
 * by {@code generate-expected.js} with node, committed beside the fixtures). Every disagreement is
 * one that docs/dotenv.md lists on purpose.
 */
class NpmDotEnvParityTest {

  /** Fixture/key, and why Envelope differs; docs/dotenv.md lists each. */
  private static final Map<String, String> KEPT_DIFFERENT = Map.of(
      "dotenv.env/INLINE_COMMENTS_SPACE", "a '#' inside a word is kept, not the start of a comment",
      "dotenv-expand.env.test/DONT_CHOKE2", "single quotes are literal: \\$ stays \\$",
      "dotenv-expand.env.test/DONT_CHOKE6", "single quotes are literal: \\$ stays \\$",
      "dotenv-expand.env.test/DONT_CHOKE7", "single quotes are literal: \\$ stays \\$",
      "dotenv-expand.env.test/FIRST_PAGE_URL", "a reference sees the entries after it too",
      "dotenv-expand.env.test/MOCK_SERVER_HOST", "a reference sees the entries after it too",
      "dotenv-expand.env.test/PROJECT_PUBLIC_HOST", "a reference sees the entries after it too");

  @Test
  void fixturesGiveTheValuesOfTheNpmPackagesExceptTheDocumentedDifferences() throws IOException {
    Map<String, String> disagreements = new TreeMap<>();
    int checks = 0;
    for (String fixture : new String[] {"dotenv.env", "dotenv.env.multiline", "dotenv.env.local", "dotenv-expand.env.test"}) {
      Map<String, String> expected = expected(read(fixture + ".expected"));
      Map<String, String> actual = DotEnvParser.parseAndExpand(read(fixture), fixture, Map.of());
      for (Map.Entry<String, String> entry : expected.entrySet()) {
        checks++;
        if (!entry.getValue().equals(actual.get(entry.getKey()))) {
          disagreements.put(fixture + "/" + entry.getKey(), actual.get(entry.getKey()));
        }
      }
      assertThat(actual.keySet()).as(fixture).isEqualTo(expected.keySet());
    }
    assertThat(disagreements.keySet()).isEqualTo(KEPT_DIFFERENT.keySet());
    assertThat(checks).isEqualTo(133); // so 126 of 133 agree
  }

  private static Map<String, String> expected(String text) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      if (!line.isEmpty()) {
        int tab = line.indexOf('\t');
        values.put(unescape(line.substring(0, tab)), unescape(line.substring(tab + 1)));
      }
    }
    return values;
  }

  private static String unescape(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        char next = s.charAt(++i);
        out.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next == 't' ? '\t' : next);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  static String read(String name) throws IOException {
    try (InputStream in = NpmDotEnvParityTest.class.getResourceAsStream("/dotenv/npm/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
