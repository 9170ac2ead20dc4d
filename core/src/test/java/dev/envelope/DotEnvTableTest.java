package dev.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Keeps the "Rules by syntax" table of docs/dotenv.md true: every row's input runs through the
 * parser in both syntaxes and must give the row's Envelope cells; and Envelope's Compose column must
 * equal the Docker Compose column, since that syntax has no difference in the table.
 */
class DotEnvTableTest {
  private static final Map<String, String> ENVIRONMENT = Map.of("API_KEY", "k", "HOME", "/h", "PATH", "/bin");

  @Test
  void everyRowOfTheRulesBySyntaxTableHoldsInBothSyntaxes() throws IOException {
    List<String[]> rows = rows(Files.readString(Path.of("../docs/dotenv.md")));
    assertThat(rows).hasSizeGreaterThan(30);
    for (String[] row : rows) {
      String input = real(code(row[1])) + "\n";
      assertThat(result(input, DotEnvSyntax.DOTENV)).as("DOTENV, row %s", row[0]).isEqualTo(cell(row[4]));
      assertThat(result(input, DotEnvSyntax.COMPOSE)).as("COMPOSE, row %s", row[0]).isEqualTo(cell(row[5]));
      assertThat(cell(row[5])).as("Compose column, row %s", row[0]).isEqualTo(cell(row[3]));
    }
  }

  private static String result(String input, DotEnvSyntax syntax) {
    try {
      return visible(DotEnv.parse(input, ENVIRONMENT, syntax).toString());
    } catch (IllegalArgumentException e) {
      return "error";
    }
  }

  private static List<String[]> rows(String markdown) {
    int start = markdown.indexOf("## Rules by syntax");
    List<String[]> rows = new ArrayList<>();
    boolean inTable = false;
    for (String line : markdown.substring(start).split("\n")) {
      if (line.startsWith("|---")) {
        inTable = true;
      } else if (inTable && line.startsWith("| ")) {
        String[] cells = line.substring(2, line.length() - 1).split(" \\| ", -1);
        rows.add(cells);
      } else if (inTable) {
        break;
      }
    }
    return rows;
  }

  private static String cell(String cell) {
    String text = cell.strip();
    return text.equals("error") ? text : code(text);
  }

  private static String code(String cell) {
    String text = cell.strip();
    return text.startsWith("`` ") ? text.substring(3, text.length() - 3) : text.substring(1, text.length() - 1);
  }

  private static String real(String text) {
    return text.replace("⏎", "\n").replace("⇥", "\t").replace("␍", "\r").replace("⟨BOM⟩", "\uFEFF");
  }

  private static String visible(String text) {
    return text.replace("\n", "⏎").replace("\t", "⇥").replace("\r", "␍").replace("\uFEFF", "⟨BOM⟩");
  }
}
