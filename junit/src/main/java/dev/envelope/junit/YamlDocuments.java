package dev.envelope.junit;

import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Parses the documents of a YAML file into maps, lists and scalars, with SnakeYAML's safe
 * constructor (no tags that build objects) and its limits on aliases and size. A parse error is
 * reported by position only: the line it would quote may hold a secret (a Secret's {@code
 * stringData}).
 */
final class YamlDocuments {
  private YamlDocuments() {}

  /**
   * Returns the documents of {@code yaml}, empty ones left out.
   *
   * @throws IllegalArgumentException if it is not valid YAML; the message names {@code source} and the position
   */
  static List<Object> parse(String yaml, String source) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(true);
    Yaml parser = new Yaml(new SafeConstructor(options));
    List<Object> documents = new ArrayList<>();
    try {
      for (Object document : parser.loadAll(yaml)) {
        if (document != null) {
          documents.add(document);
        }
      }
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String at = mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
      throw new IllegalArgumentException(source + " is not valid YAML" + at + " (the text is not shown)");
    } catch (YAMLException e) {
      throw new IllegalArgumentException(source + " could not be read as YAML: " + e.getClass().getSimpleName()
          + " (the text is not shown)");
    }
    return documents;
  }
}
