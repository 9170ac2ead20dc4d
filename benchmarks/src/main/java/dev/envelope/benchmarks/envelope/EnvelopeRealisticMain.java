package dev.envelope.benchmarks.envelope;

import dev.envelope.Env;

/** Loads the quickstart's schema as teams write it ({@link RealisticAppEnv}) with {@code Env.load}. */
public final class EnvelopeRealisticMain {
  private EnvelopeRealisticMain() {}

  public static void main(String[] args) {
    Env.load(RealisticAppEnv.class).printFingerprint();
  }
}
