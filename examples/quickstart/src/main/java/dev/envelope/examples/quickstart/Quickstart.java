package dev.envelope.examples.quickstart;

import dev.envelope.Env;
import dev.envelope.EnvException;

/**
 * Loads {@link AppEnv} from the environment and this folder's {@code .env} files, and prints it with
 * secrets masked; prints the problem table and exits with status 1 when the environment is invalid.
 */
public final class Quickstart {
  private Quickstart() {}

  public static void main(String[] args) {
    AppEnv env;
    try {
      env = Env.load(AppEnv.class);
    } catch (EnvException e) {
      System.err.println(e.getMessage());
      System.exit(1);
      return;
    }
    System.out.println("Loaded AppEnv (profile " + env.appEnv() + ")");
    System.out.println("  app            " + env.appUrl() + " (API " + env.apiUrl() + ")");
    // The URL holds the database password: print where it points, not the credentials.
    java.net.URI database = java.net.URI.create(env.database().url());
    System.out.println("  database       " + database.getHost() + ":" + database.getPort() + database.getPath()
        + ", pool " + env.database().poolMin() + ".." + env.database().poolMax());
    System.out.println("  cache          " + env.cacheUrl());
    System.out.println("  jwt            secret " + env.jwt().secret()
        + ", access " + env.jwt().expiresIn() + ", refresh " + env.jwt().refreshExpiresIn());
    System.out.println("  smtp           " + env.smtp().user() + "@" + env.smtp().host() + ":" + env.smtp().port()
        + ", password " + env.smtp().password());
    System.out.println("  s3             " + env.s3().bucket() + " in " + env.s3().region()
        + ", key " + env.s3().accessKeyId());
    System.out.println("  sentry         " + env.sentryDsn().map(Object::toString).orElse("(off)"));
    System.out.println("  log level      " + env.logLevel());
  }
}
