package dev.envelope.junit;

import dev.envelope.EnvDocs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.opentest4j.AssertionFailedError;

/**
 * Checks that committed generated files still match the schema: the drift check for a {@code
 * .env.example} or a Markdown reference made by {@link EnvDocs}.
 *
 * <p>When the file differs, the assertion fails with a summary of the changed lines and the way to
 * regenerate. Run the test with the system property {@value #REGENERATE} set to {@code true} (Maven:
 * {@code -Denvelope.regenerate=true}) and the check writes the generated text to the file instead and
 * passes; commit the result.
 */
public final class GeneratedDocs {
  /** The system property that makes the checks rewrite the files instead of failing. */
  public static final String REGENERATE = "envelope.regenerate";

  private GeneratedDocs() {}

  /**
   * Asserts that {@code committed} equals {@link EnvDocs#dotEnvExample} of {@code schema}.
   *
   * @throws AssertionFailedError if the file is missing or differs (unless regenerating)
   */
  public static void assertDotEnvExampleUpToDate(Class<? extends Record> schema, Path committed) {
    assertUpToDate(committed, EnvDocs.dotEnvExample(schema));
  }

  /**
   * Asserts that {@code committed} equals {@link EnvDocs#markdownReference} of {@code schema}.
   *
   * @throws AssertionFailedError if the file is missing or differs (unless regenerating)
   */
  public static void assertMarkdownReferenceUpToDate(Class<? extends Record> schema, Path committed) {
    assertUpToDate(committed, EnvDocs.markdownReference(schema));
  }

  /**
   * Asserts that {@code committed} holds exactly {@code generated}; with {@value #REGENERATE} set,
   * writes {@code generated} to it instead. Line endings are compared as {@code \n}.
   *
   * @throws AssertionFailedError if the file is missing or differs (unless regenerating)
   */
  public static void assertUpToDate(Path committed, String generated) {
    assertUpToDate(committed, generated, Boolean.getBoolean(REGENERATE));
  }

  static void assertUpToDate(Path committed, String generated, boolean regenerate) {
    String current;
    try {
      current = Files.readString(committed).replace("\r\n", "\n");
    } catch (NoSuchFileException e) {
      current = null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + committed, e);
    }
    if (generated.equals(current)) {
      return;
    }
    if (regenerate) {
      write(committed, generated);
      return;
    }
    String how =
        "\nTo regenerate it, run the test with -D" + REGENERATE + "=true and commit the result:\n  mvn test -Dtest="
            + callerClass() + " -D" + REGENERATE + "=true";
    if (current == null) {
      throw new AssertionFailedError(committed + " does not exist; it is generated from the schema." + how);
    }
    throw new AssertionFailedError(
        committed + " is out of date with the schema:\n" + TextDiff.summary(current, generated) + how);
  }

  /** Returns the top-level class of the test that called the check, to name it in the command. */
  private static String callerClass() {
    return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
        .walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass).filter(c -> c != GeneratedDocs.class).findFirst())
        .map(GeneratedDocs::topLevel)
        .map(Class::getSimpleName)
        .orElse("<test class>");
  }

  private static Class<?> topLevel(Class<?> type) {
    Class<?> top = type;
    while (top.getEnclosingClass() != null) {
      top = top.getEnclosingClass();
    }
    return top;
  }

  private static void write(Path file, String text) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, text);
      System.err.println("Envelope: regenerated " + file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
