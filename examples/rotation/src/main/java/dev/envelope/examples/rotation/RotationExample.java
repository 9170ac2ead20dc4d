package dev.envelope.examples.rotation;

import dev.envelope.Env;
import dev.envelope.EnvException;
import dev.envelope.LiveEnv;
import dev.envelope.kubernetes.MountedSecretsProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * Rotates a database password while the service runs. An in-memory H2 database stands in for the
 * real one and a kubelet-style directory for the mounted Secret; the service itself only knows its
 * {@link LiveEnv} and its pool.
 */
public final class RotationExample {
  private RotationExample() {}

  public static void main(String[] args) throws Exception {
    Path volume = Files.createTempDirectory("envelope-rotation-");
    KubeletVolume secret = new KubeletVolume(volume);
    boolean loaded;
    try {
      loaded = run(volume, secret);
    } finally {
      secret.delete(); // The example's stand-in Secret does not outlive it.
    }
    if (!loaded) {
      System.exit(1);
    }
  }

  /** Runs the rotation; returns false if the configuration did not load. */
  private static boolean run(Path volume, KubeletVolume secret) throws Exception {
    String url = "jdbc:h2:mem:orders;DB_CLOSE_DELAY=-1";
    secret.write(Map.of("database-password", "first-password-1f0c"));
    try (Connection admin = DriverManager.getConnection(url, "sa", "");
        Statement sql = admin.createStatement()) {
      sql.execute("CREATE USER app PASSWORD 'first-password-1f0c' ADMIN");

      LiveEnv<AppEnv> env;
      try {
        env = Env.builder()
            .values(Map.of("DATABASE_URL", url, "DATABASE_USER", "app"))
            .provider(MountedSecretsProvider.of(volume))
            .build()
            .watch(AppEnv.class);
      } catch (EnvException e) {
        System.err.println(e.getMessage());
        return false;
      }
      env.onChange(change -> System.out.println("Changed: " + change.variables()));
      try (env; OrdersDatabase orders = new OrdersDatabase(env)) {
        System.out.println("Connected with the first password: " + query(orders));

        // The rotation: the database gets the new password, then the Secret (as a rotation job does).
        sql.execute("ALTER USER app SET PASSWORD 'second-password-9a2e'");
        secret.write(Map.of("database-password", "second-password-9a2e"));
        // A service would call refresh() when a login fails, or wait for the next interval.
        System.out.println("Refreshed: " + env.refresh());
        System.out.println("Connected with the rotated password: " + query(orders));
      }
    }
    return true;
  }

  private static String query(OrdersDatabase orders) throws SQLException {
    try (Connection connection = orders.connection();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT CURRENT_USER()")) {
      result.next();
      return result.getString(1);
    }
  }
}
