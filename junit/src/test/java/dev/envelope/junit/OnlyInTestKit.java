package dev.envelope.junit;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Lets fixture classes (some of which fail on purpose) run only inside {@link EngineRun}, not when a
 * build or an IDE happens to discover them.
 */
final class OnlyInTestKit implements ExecutionCondition {
  static final String PARAMETER = "envelope.fixtures";

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    return context.getConfigurationParameter(PARAMETER).isPresent()
        ? ConditionEvaluationResult.enabled("run by EngineRun")
        : ConditionEvaluationResult.disabled("a fixture for EngineRun, not a test of its own");
  }
}
