package dev.envelope;

/** Runs one load: resolution, conversion, validation, report. */
final class Loader {
  private final Env.Builder settings;

  Loader(Env.Builder settings) {
    this.settings = settings;
  }

  <T extends Record> Resolution<T> resolve(Class<T> schema) {
    throw new UnsupportedOperationException("not yet");
  }
}
