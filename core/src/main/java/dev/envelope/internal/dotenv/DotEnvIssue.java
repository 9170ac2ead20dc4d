package dev.envelope.internal.dotenv;

import dev.envelope.Problem;


/**
 * A problem or warning that expanding one entry met, without stopping the others: a {@code ${NAME?}}
 * whose variable is unset, or a reference to a name set nowhere. Never holds a value.
 *
 * @param variable the variable the problem is about
 * @param kind {@code MISSING} or {@code INVALID}
 * @param source the file, as named in origins
 * @param line the entry's line
 * @param detail what is wrong, without any value
 */
public record DotEnvIssue(String variable, Problem.Kind kind, String source, int line, String detail) {

  /** Returns the issue as a problem of a load, with origin {@code source:line}. */
  Problem toProblem() {
    return new Problem(variable, kind, detail, source + ":" + line);
  }

  /** Returns the issue as the exception {@code DotEnv.parse} throws. */
  DotEnvSyntaxException toException() {
    return new DotEnvSyntaxException(source, line, variable, detail);
  }
}
