package dev.envelope.benchmarks.envelope;

import dev.envelope.Env;

/** Loads the realistic schema with a constraint of its own ({@link CustomConstraintAppEnv}) with {@code Env.load}. */
public final class EnvelopeCustomConstraintMain {
  private EnvelopeCustomConstraintMain() {}

  public static void main(String[] args) {
    Env.load(CustomConstraintAppEnv.class).printFingerprint();
  }
}
