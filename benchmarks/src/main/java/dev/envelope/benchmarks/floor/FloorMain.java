package dev.envelope.benchmarks.floor;

import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.FileReader;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The floor: loads the quickstart's schema with {@code System.getenv}, a minimal hand-written
 * {@code .env} parser and hand-written conversion and validation; no library at all.
 */
public final class FloorMain {
  private FloorMain() {}

  public static void main(String[] args) throws IOException {
    final Map<String, String> dotEnv = readDotEnv(".env");
    HandEnv env =
        HandTyping.load(
            new HandTyping.Lookup() {
              @Override
              public String get(String name) {
                String value = System.getenv(name);
                return value != null ? value : dotEnv.get(name);
              }
            });
    env.printFingerprint();
  }

  /** Reads {@code KEY=value} lines, skipping blanks and comments and dropping surrounding quotes. */
  static Map<String, String> readDotEnv(String file) throws IOException {
    Map<String, String> entries = new HashMap<>();
    BufferedReader reader;
    try {
      reader = new BufferedReader(new FileReader(file, java.nio.charset.StandardCharsets.UTF_8));
    } catch (FileNotFoundException e) {
      return entries;
    }
    try (reader) {
      String line;
      while ((line = reader.readLine()) != null) {
        line = line.trim();
        int equals = line.indexOf('=');
        if (line.isEmpty() || line.charAt(0) == '#' || equals < 1) {
          continue;
        }
        String value = line.substring(equals + 1).trim();
        if (value.length() >= 2
            && (value.charAt(0) == '"' || value.charAt(0) == '\'')
            && value.charAt(value.length() - 1) == value.charAt(0)) {
          value = value.substring(1, value.length() - 1);
        }
        entries.put(line.substring(0, equals).trim(), value);
      }
    }
    return entries;
  }
}
