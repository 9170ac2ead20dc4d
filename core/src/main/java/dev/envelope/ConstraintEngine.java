package dev.envelope;

import dev.envelope.internal.SchemaValidator;

/**
 * Evaluates a schema's Jakarta Validation constraints on what a {@link Binder} bound, adding each
 * violation to its problems. Two engines share this face: Envelope's built-in evaluator of the
 * standard constraints (Hibernate Validator's semantics and messages, without its bootstrap), and
 * Hibernate Validator itself, for custom constraints and message bundles. {@link Startup} chooses one
 * per schema.
 */
abstract class ConstraintEngine {
  /** The engine of a schema without constraints. */
  static final ConstraintEngine NONE = new ConstraintEngine() {
    @Override
    void validate(Binder binder) {}
  };

  abstract void validate(Binder binder);

  static ConstraintEngine hibernate(SchemaValidator validator) {
    return new Hibernate(validator);
  }

  static ConstraintEngine builtin(boolean jdkUrlHandlers) {
    return new Builtin(jdkUrlHandlers);
  }

  private static final class Hibernate extends ConstraintEngine {
    private final SchemaValidator validator;

    Hibernate(SchemaValidator validator) {
      this.validator = validator;
    }

    @Override
    void validate(Binder binder) {
      binder.validate(validator);
    }
  }

  private static final class Builtin extends ConstraintEngine {
    private final boolean jdkUrlHandlers;

    Builtin(boolean jdkUrlHandlers) {
      this.jdkUrlHandlers = jdkUrlHandlers;
    }

    @Override
    void validate(Binder binder) {
      binder.validateBuiltin(jdkUrlHandlers);
    }
  }
}
