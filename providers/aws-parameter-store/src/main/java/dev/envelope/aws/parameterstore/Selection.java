package dev.envelope.aws.parameterstore;

import java.util.Locale;

/** What a provider reads: every parameter under a path, or one parameter by name. Immutable. */
sealed interface Selection {
  /** Returns the selection for messages: the path, or the name with its version or label. */
  String describe();

  /**
   * Every parameter below {@code path} (which ends with {@code /}), recursively; {@code
   * /app/prod/db/password} under {@code /app/prod/} becomes {@code prefix + DB_PASSWORD}.
   */
  record Path(String path, String prefix) implements Selection {
    @Override
    public String describe() {
      return path;
    }

    /** Returns the path as {@code GetParametersByPath} takes it: without the final {@code /}, except the root. */
    String requestPath() {
      return path.length() == 1 ? path : path.substring(0, path.length() - 1);
    }

    /** Returns the variable of the parameter {@code name}, found below this path. */
    String variableFor(String name) {
      String below = name.startsWith(path) ? name.substring(path.length()) : name.substring(name.lastIndexOf('/') + 1);
      return prefix + variableName(below);
    }
  }

  /**
   * One parameter, by name, optionally pinned to a version ({@code :3}) or a label ({@code :prod}),
   * into the variable {@code variable}.
   */
  record Named(String name, String selector, String variable) implements Selection {
    @Override
    public String describe() {
      return requestName();
    }

    /** Returns the name as {@code GetParameters} takes it, with its {@code :version} or {@code :label}. */
    String requestName() {
      return selector.isEmpty() ? name : name + ":" + selector;
    }
  }

  /**
   * Returns the variable for a parameter name below a path: {@code /} and any character a variable
   * name cannot hold ({@code -}, {@code .}) become {@code _}, letters are upper-cased; {@code
   * db/password} and {@code db-password} both become {@code DB_PASSWORD}.
   */
  static String variableName(String below) {
    StringBuilder name = new StringBuilder(below.length());
    for (int i = 0; i < below.length(); i++) {
      char c = below.charAt(i);
      name.append((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ? c : '_');
    }
    return name.toString().toUpperCase(Locale.ROOT);
  }
}
