package dev.envelope.internal.validate;

import dev.envelope.internal.bind.Binder;


/**
 * Evaluates a schema's Jakarta Validation constraints on what a {@link Binder} bound, adding each
 * violation to its problems. Two engines share this face: Envelope's built-in evaluator of the
 * standard constraints (Hibernate Validator's semantics and messages, without its bootstrap), and
 * Hibernate Validator itself, for custom constraints and message bundles. {@link Startup} chooses one
 * per schema.
 */
public final class ConstraintEngine {
  /** The engine of a schema without constraints. */
  public static final ConstraintEngine NONE = new ConstraintEngine(null, false, false);

  private final SchemaValidator hibernate;
  private final boolean builtin;
  private final boolean jdkUrlHandlers;

  private ConstraintEngine(SchemaValidator hibernate, boolean builtin, boolean jdkUrlHandlers) {
    this.hibernate = hibernate;
    this.builtin = builtin;
    this.jdkUrlHandlers = jdkUrlHandlers;
  }

  public static ConstraintEngine hibernate(SchemaValidator validator) {
    return new ConstraintEngine(validator, false, false);
  }

  public static ConstraintEngine builtin(boolean jdkUrlHandlers) {
    return new ConstraintEngine(null, true, jdkUrlHandlers);
  }

  public void validate(Binder binder) {
    if (hibernate != null) {
      binder.validate(hibernate);
    } else if (builtin) {
      binder.validateBuiltin(jdkUrlHandlers);
    }
  }
}
