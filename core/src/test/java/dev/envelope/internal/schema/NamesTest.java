package dev.envelope.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.envelope.Default;
import dev.envelope.Env;
import dev.envelope.EnvException;
import dev.envelope.Name;
import dev.envelope.Prefix;
import dev.envelope.Problem;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How variable names are derived from component names, and how {@code @Name} and {@code @Prefix} change them. */
class NamesTest {

  record Pool(int min, @Default("10") int max) {}

  record Database(String url, Pool pool, @Name("JDBC_DRIVER") String driver) {}

  record Cache(String host) {}

  record Queue(String host) {}

  record App(
      @Name("PORT") int httpPort,
      Database database,
      @Prefix("REDIS_") Cache cache,
      @Prefix("") Queue queue,
      String s3Bucket,
      String apiURLBase) {}

  @ParameterizedTest
  @CsvSource({
    "databasePoolMin, DATABASE_POOL_MIN",
    "s3Bucket, S3_BUCKET",
    "apiURLBase, API_URL_BASE",
    "oauth2Token, OAUTH2_TOKEN",
    "url, URL",
    "URL, URL",
    "x, X",
    "httpServer, HTTP_SERVER",
    "HTTPServer, HTTP_SERVER",
    "myHTTP, MY_HTTP",
    "ipV4Address, IP_V4_ADDRESS",
    "sha256, SHA256",
    "already_snake, ALREADY_SNAKE",
    "jwtExpiresIn, JWT_EXPIRES_IN",
  })
  void derivesUpperSnakeCase(String component, String variable) {
    assertThat(Names.variableName(component)).isEqualTo(variable);
  }

  @Test
  void distanceCountsEditsBetweenNames() {
    assertThat(Names.distance("DATABASE_URL", "DATABASE_URL")).isZero();
    assertThat(Names.distance("DATBASE_URL", "DATABASE_URL")).isEqualTo(1);
    assertThat(Names.distance("DATABASE_URK", "DATABASE_URL")).isEqualTo(1);
    assertThat(Names.distance("DATABASE_URLS", "DATABASE_URL")).isEqualTo(1);
    assertThat(Names.distance("kitten", "sitting")).isEqualTo(3);
    assertThat(Names.distance("", "abc")).isEqualTo(3);
    assertThat(Names.distance("abc", "")).isEqualTo(3);
    assertThat(Names.distance("PORT", "HOST")).isEqualTo(2);
  }

  @Test
  void loadsNestedGroupsUnderTheirPrefixAndOverridesAsWritten() {
    Map<String, String> values = Map.of(
        "PORT", "8080",
        "DATABASE_URL", "postgres://db/app",
        "DATABASE_POOL_MIN", "2",
        "JDBC_DRIVER", "org.postgresql.Driver",
        "REDIS_HOST", "cache.internal",
        "HOST", "queue.internal",
        "S3_BUCKET", "assets",
        "API_URL_BASE", "https://api.example.com");
    App app = Env.builder().hermetic().values(values).load(App.class);
    assertThat(app).isEqualTo(new App(
        8080,
        new Database("postgres://db/app", new Pool(2, 10), "org.postgresql.Driver"),
        new Cache("cache.internal"),
        new Queue("queue.internal"),
        "assets",
        "https://api.example.com"));
  }

  @Test
  void missingVariablesAreNamedAsDerived() {
    Throwable thrown = catchThrowable(() -> Env.builder().hermetic().load(App.class));
    assertThat(thrown).isInstanceOf(EnvException.class);
    assertThat(((EnvException) thrown).problems())
        .extracting(Problem::variable)
        .containsExactly(
            "PORT", "DATABASE_URL", "DATABASE_POOL_MIN", "JDBC_DRIVER", "REDIS_HOST", "HOST", "S3_BUCKET", "API_URL_BASE");
  }
}
