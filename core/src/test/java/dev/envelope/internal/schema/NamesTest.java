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

  @Test
  void theClosestNameIsTheFirstOfTheNearestWithinTheLimitAsAFullSearchFindsIt() {
    java.util.Random random = new java.util.Random(20261202);
    String letters = "ABDE_";
    for (int round = 0; round < 5_000; round++) {
      java.util.List<String> candidates = new java.util.ArrayList<>();
      for (int i = 0, n = random.nextInt(8); i < n; i++) {
        candidates.add(word(random, letters, 1 + random.nextInt(12)));
      }
      String name = word(random, letters, random.nextInt(14));

      assertThat(Names.closest(name, candidates)).as("%s among %s", name, candidates).isEqualTo(fullSearch(name, candidates));
    }
  }

  private static String word(java.util.Random random, String letters, int length) {
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < length; i++) {
      word.append(letters.charAt(random.nextInt(letters.length())));
    }
    return word.toString();
  }

  /** The definition: every candidate's full distance, the first smallest, if within the limit. */
  private static String fullSearch(String name, java.util.List<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int[][] table = new int[name.length() + 1][candidate.length() + 1];
      for (int i = 0; i <= name.length(); i++) {
        for (int j = 0; j <= candidate.length(); j++) {
          table[i][j] = i == 0 ? j : j == 0 ? i : Math.min(
              table[i - 1][j - 1] + (name.charAt(i - 1) == candidate.charAt(j - 1) ? 0 : 1),
              Math.min(table[i - 1][j], table[i][j - 1]) + 1);
        }
      }
      if (table[name.length()][candidate.length()] < bestDistance) {
        best = candidate;
        bestDistance = table[name.length()][candidate.length()];
      }
    }
    return best != null && bestDistance <= Math.max(2, name.length() / 4) ? best : null;
  }
}
