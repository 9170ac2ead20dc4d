package dev.envelope.benchmarks.envelope;

import dev.envelope.Env;

/** Loads the quickstart's schema, constraints and all, with {@code Env.load}. */
public final class EnvelopeMain {
  private EnvelopeMain() {}

  public static void main(String[] args) {
    Env.load(AppEnv.class).printFingerprint();
  }
}
