package dev.envelope.spring;

import dev.envelope.EnvException;
import dev.envelope.Problem;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Shows a start that failed on the environment as Envelope's problem table, with what to set and
 * where, instead of a stack trace.
 */
final class EnvelopeFailureAnalyzer extends AbstractFailureAnalyzer<EnvException> {
  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, EnvException cause) {
    return new FailureAnalysis(cause.getMessage(), action(cause), cause);
  }

  private static String action(EnvException failure) {
    StringBuilder action = new StringBuilder();
    boolean variables = false;
    for (Problem problem : failure.problems()) {
      action.append(line(problem)).append('\n');
      variables |= problem.kind() != Problem.Kind.PROVIDER && problem.kind() != Problem.Kind.SCHEMA;
    }
    if (!variables) {
      return action.toString().strip();
    }
    action.append("Envelope reads, highest first: command-line arguments, test and system properties; ")
        .append("the environment; application.yml and spring.config.import; ENVELOPE_PROVIDERS; ")
        .append(".env files; defaults.");
    return action.toString();
  }

  private static String line(Problem problem) {
    String variable = problem.variable();
    return switch (problem.kind()) {
      case MISSING -> "Set " + variable + ": an environment variable, or " + RelaxedNames.toProperty(variable)
          + " in application.yml or on the command line (--" + RelaxedNames.toProperty(variable) + "=...).";
      case INVALID, CONSTRAINT -> "Correct " + variable + where(problem) + ".";
      case UNKNOWN -> "Remove or rename " + variable + where(problem)
          + (problem.hint().isEmpty() ? "" : " (" + problem.hint() + ")") + ".";
      case PROVIDER -> "Fix the settings or access of " + variable
          + (problem.origin().startsWith("spring.config.import=")
              ? ", or import it with optional: to start without it."
              : ".");
      case SCHEMA -> "Correct the schema record (" + variable + ").";
    };
  }

  private static String where(Problem problem) {
    return problem.origin().isEmpty() ? "" : " where it is set: " + problem.origin();
  }
}
