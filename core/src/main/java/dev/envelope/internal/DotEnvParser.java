package dev.envelope.internal;

import java.util.Map;

/** Placeholder; the real parser is being written. */
public final class DotEnvParser {
  private DotEnvParser() {}

  public static Map<String, String> parseAndExpand(String content, String source, Map<String, String> environment) {
    throw new UnsupportedOperationException("not yet");
  }
}
