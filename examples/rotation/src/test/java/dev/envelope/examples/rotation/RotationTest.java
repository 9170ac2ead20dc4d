package dev.envelope.examples.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envelope.Env;
import dev.envelope.EnvChange;
import dev.envelope.LiveEnv;
import dev.envelope.kubernetes.MountedSecretsProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real pool, a real database and a kubelet-style volume: the password rotates, the service keeps running. */
class RotationTest {
  static final String FIRST = "canary-first-6b1d-password";
  static final String SECOND = "canary-second-0e4a-password";

  @TempDir Path volume;

  @Test
  void deletingTheVolumeRemovesItsLinksAndFilesAndNothingOutsideIt(@TempDir Path dir) throws Exception {
    Path root = dir.resolve("volume");
    Path outside = Files.writeString(dir.resolve("outside"), "kept");
    KubeletVolume secret = new KubeletVolume(root);
    secret.write(Map.of("database-password", FIRST));
    secret.write(Map.of("database-password", SECOND));
    Files.createSymbolicLink(root.resolve("elsewhere"), outside);

    secret.delete();

    assertThat(root).doesNotExist();
    assertThat(outside).hasContent("kept");
  }

  @Test
  void theRotatedPasswordReachesThePoolWithoutARestart() throws Exception {
    String url = "jdbc:h2:mem:rotation-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
    KubeletVolume secret = new KubeletVolume(volume);
    secret.write(Map.of("database-password", FIRST));
    try (Connection admin = DriverManager.getConnection(url, "sa", "");
        Statement sql = admin.createStatement()) {
      sql.execute("CREATE USER app PASSWORD '" + FIRST + "' ADMIN");
      LiveEnv<AppEnv> env = Env.builder().hermetic()
          .values(Map.of("DATABASE_URL", url, "DATABASE_USER", "app"))
          .provider(MountedSecretsProvider.of(volume))
          // An hour: the volume's watch, not the interval, brings the new password.
          .refreshInterval(Duration.ofHours(1))
          .build()
          .watch(AppEnv.class);
      try (env; OrdersDatabase orders = new OrdersDatabase(env)) {
        CountDownLatch rotated = new CountDownLatch(1);
        List<EnvChange<AppEnv>> changes = new CopyOnWriteArrayList<>();
        env.onChange(change -> {
          changes.add(change);
          rotated.countDown();
        });
        assertThat(currentUser(orders)).isEqualToIgnoringCase("app");

        sql.execute("ALTER USER app SET PASSWORD '" + SECOND + "'");
        // The old password no longer opens connections: this is what a rotation does to a pool.
        assertThatThrownBy(() -> DriverManager.getConnection(url, "app", FIRST).close()).isInstanceOf(SQLException.class);
        secret.write(Map.of("database-password", SECOND));

        assertThat(rotated.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(changes.get(0).variables()).containsExactly("DATABASE_PASSWORD");
        assertThat(changes.get(0).toString()).doesNotContain(SECOND).doesNotContain(FIRST);
        // Every connection the pool opens from now on uses the new password.
        try (Connection a = orders.connection(); Connection b = orders.connection(); Connection c = orders.connection()) {
          assertThat(List.of(query(a), query(b), query(c))).allSatisfy(user -> assertThat(user).isEqualToIgnoringCase("app"));
        }
        assertThat(env.get().database().password().reveal()).isEqualTo(SECOND);
        assertThat(env.resolution().toString()).doesNotContain(SECOND);
      }
    }
  }

  private static String currentUser(OrdersDatabase orders) throws SQLException {
    try (Connection connection = orders.connection()) {
      return query(connection);
    }
  }

  private static String query(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery("SELECT CURRENT_USER()")) {
      result.next();
      return result.getString(1);
    }
  }
}
