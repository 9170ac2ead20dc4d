package dev.envelope.examples.rotation;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.envelope.EnvChange;
import dev.envelope.LiveEnv;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A HikariCP pool that follows the environment's database password: when a {@link LiveEnv} announces
 * that {@code DATABASE_PASSWORD} changed, the pool gets the new password for the connections it opens
 * from then on, and retires the idle ones opened with the old password. Connections in use finish
 * their work first. No restart.
 */
public final class OrdersDatabase implements AutoCloseable {
  private final HikariDataSource pool;

  public OrdersDatabase(LiveEnv<AppEnv> env) {
    AppEnv.Database database = env.get().database();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(database.url());
    config.setUsername(database.user());
    config.setPassword(database.password().reveal());
    config.setMaximumPoolSize(4);
    config.setConnectionTimeout(5_000);
    config.setPoolName("orders");
    this.pool = new HikariDataSource(config);
    env.onChange(this::follow);
  }

  private void follow(EnvChange<AppEnv> change) {
    if (change.changed("DATABASE_PASSWORD")) {
      pool.getHikariConfigMXBean().setPassword(change.current().database().password().reveal());
      pool.getHikariPoolMXBean().softEvictConnections();
    }
  }

  /** Returns a connection from the pool. */
  public Connection connection() throws SQLException {
    return pool.getConnection();
  }

  @Override
  public void close() {
    pool.close();
  }
}
