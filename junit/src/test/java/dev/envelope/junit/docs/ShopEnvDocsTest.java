package dev.envelope.junit.docs;

import dev.envelope.junit.GeneratedDocs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ShopEnvDocsTest {
  private static final Path DOCS = Path.of("src/test/resources/dev/envelope/junit/docs");

  @Test
  void envExampleMatchesTheSchema() {
    GeneratedDocs.assertDotEnvExampleUpToDate(ShopEnv.class, DOCS.resolve(".env.example"));
  }

  @Test
  void referenceMatchesTheSchema() {
    GeneratedDocs.assertMarkdownReferenceUpToDate(ShopEnv.class, DOCS.resolve("environment.md"));
  }
}
