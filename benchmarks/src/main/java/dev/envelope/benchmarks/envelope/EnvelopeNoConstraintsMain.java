package dev.envelope.benchmarks.envelope;

import dev.envelope.Env;

/** Loads the quickstart's schema without constraint annotations with {@code Env.load}. */
public final class EnvelopeNoConstraintsMain {
  private EnvelopeNoConstraintsMain() {}

  public static void main(String[] args) {
    Env.load(PlainAppEnv.class).printFingerprint();
  }
}
