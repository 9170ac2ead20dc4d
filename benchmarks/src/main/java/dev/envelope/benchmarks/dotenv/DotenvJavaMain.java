package dev.envelope.benchmarks.dotenv;

import dev.envelope.benchmarks.floor.HandTyping;
import io.github.cdimascio.dotenv.Dotenv;

/**
 * Loads the quickstart's schema with dotenv-java for the {@code .env} file and the process
 * environment, and the floor's hand-written conversion and validation.
 */
public final class DotenvJavaMain {
  private DotenvJavaMain() {}

  public static void main(String[] args) {
    final Dotenv dotenv = Dotenv.configure().ignoreIfMissing().load();
    HandTyping.load(
            new HandTyping.Lookup() {
              @Override
              public String get(String name) {
                // dotenv-java answers from the process environment first, then the file.
                return dotenv.get(name);
              }
            })
        .printFingerprint();
  }
}
