package dev.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envelope.internal.schema.Schema;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertFalse;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.hibernate.validator.constraints.URL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Validates a corpus of schemas, each with inputs, both ways: Envelope loading the text, and plain
 * Hibernate Validator on the record instance that text stands for; both must find the same problems
 * (see {@link PlainHibernateValidator} for how violations are named). The schemas are the way teams
 * write them: getters for cross-field rules, class-level constraints, container elements, {@code
 * Optional}, {@code @Valid} into nested records and into a type a converter builds.
 */
class HibernateValidatorDifferentialTest {
  record Database(
      @Min(1) @Max(500) int poolMin,
      @Min(1) @Max(500) int poolMax,
      @Pattern(regexp = "jdbc:postgresql://.+") String url) {
    @AssertTrue(message = "pool min must not exceed pool max")
    public boolean isPoolOrdered() {
      return poolMin <= poolMax;
    }
  }

  record Service(
      @Valid Database database,
      @Email String adminEmail,
      List<@URL String> corsOrigins,
      Map<String, @Positive Integer> rateLimits,
      Set<@Email String> alertEmails,
      Optional<@Email String> replyTo,
      @DecimalMax("0.5") BigDecimal sampleRate,
      @Size(min = 3) String region,
      boolean debug) {
    @AssertFalse
    public boolean isDebugInEu() {
      return debug && region.startsWith("eu");
    }

    public boolean hasNoConstraints() {
      return true; // a getter without constraints is not validated
    }
  }

  static Service service(Database database, String adminEmail, List<String> corsOrigins, Map<String, Integer> rateLimits,
      Set<String> alertEmails, Optional<String> replyTo, String sampleRate, String region, boolean debug) {
    return new Service(database, adminEmail, corsOrigins, rateLimits, alertEmails, replyTo, new BigDecimal(sampleRate), region, debug);
  }

  @Target(ElementType.TYPE)
  @Retention(RetentionPolicy.RUNTIME)
  @Constraint(validatedBy = Window.Validator.class)
  @interface Window {
    String message() default "the window must open before it closes";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<Window, Maintenance> {
      @Override
      public boolean isValid(Maintenance value, ConstraintValidatorContext context) {
        return value.opensAt() < value.closesAt();
      }
    }
  }

  @Window
  record Maintenance(@Min(0) @Max(23) int opensAt, @Min(0) @Max(24) int closesAt) {}

  record WithWindow(@Valid Maintenance maintenance, @NotBlank String name) {}

  /** A type a converter builds, with constraints of its own, reached through {@code @Valid}. */
  static final class Endpoint {
    @NotBlank final String host;
    @Min(1) @Max(65535) final int port;

    Endpoint(String host, int port) {
      this.host = host;
      this.port = port;
    }

    static Endpoint parse(String text) {
      int colon = text.lastIndexOf(':');
      return new Endpoint(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Endpoint e && e.host.equals(host) && e.port == port;
    }

    @Override
    public int hashCode() {
      return host.hashCode() * 31 + port;
    }
  }

  record WithEndpoint(@Valid Endpoint upstream, @Min(1) int retries) {}

  /** One input: the text Envelope reads, the instance it stands for, and the builder settings. */
  record Case(String name, Map<String, String> values, Supplier<Record> instance, Class<? extends Record> schema, boolean withConverter) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Map<String, String> serviceValues(String... pairs) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("DATABASE_POOL_MIN", "2");
    values.put("DATABASE_POOL_MAX", "10");
    values.put("DATABASE_URL", "jdbc:postgresql://db/orders");
    values.put("ADMIN_EMAIL", "ops@example.com");
    values.put("CORS_ORIGINS", "https://app.example.com,https://admin.example.com");
    values.put("RATE_LIMITS", "read=100,write=10");
    values.put("ALERT_EMAILS", "a@example.com,b@example.com");
    values.put("SAMPLE_RATE", "0.1");
    values.put("REGION", "us-east-1");
    values.put("DEBUG", "false");
    for (int i = 0; i < pairs.length; i += 2) {
      values.put(pairs[i], pairs[i + 1]);
    }
    return values;
  }

  static Stream<Case> corpus() {
    Database db = new Database(2, 10, "jdbc:postgresql://db/orders");
    List<String> origins = List.of("https://app.example.com", "https://admin.example.com");
    Map<String, Integer> limits = new LinkedHashMap<>(Map.of("read", 100));
    limits.put("write", 10);
    Set<String> alerts = new LinkedHashSet<>(List.of("a@example.com", "b@example.com"));
    return Stream.of(
        new Case("valid service", serviceValues(),
            () -> service(db, "ops@example.com", origins, limits, alerts, Optional.empty(), "0.1", "us-east-1", false), Service.class, false),
        new Case("pool out of order", serviceValues("DATABASE_POOL_MIN", "20", "DATABASE_POOL_MAX", "5"),
            () -> service(new Database(20, 5, db.url()), "ops@example.com", origins, limits, alerts, Optional.empty(), "0.1", "us-east-1", false),
            Service.class, false),
        new Case("pool out of range and out of order", serviceValues("DATABASE_POOL_MIN", "600", "DATABASE_POOL_MAX", "0"),
            () -> service(new Database(600, 0, db.url()), "ops@example.com", origins, limits, alerts, Optional.empty(), "0.1", "us-east-1", false),
            Service.class, false),
        new Case("bad url pattern, email, origins, limits", serviceValues("DATABASE_URL", "mysql://db", "ADMIN_EMAIL", "ops-at-example.com",
                "CORS_ORIGINS", "https://ok.example.com,not a url,ftp://files.example.com,htp//x", "RATE_LIMITS", "read=0,write=-3,admin=5"),
            () -> service(new Database(2, 10, "mysql://db"), "ops-at-example.com",
                List.of("https://ok.example.com", "not a url", "ftp://files.example.com", "htp//x"),
                ordered("read", 0, "write", -3, "admin", 5), alerts, Optional.empty(), "0.1", "us-east-1", false), Service.class, false),
        new Case("bad set element and optional", serviceValues("ALERT_EMAILS", "a@example.com,nope,c@example.com", "REPLY_TO", "no reply"),
            () -> service(db, "ops@example.com", origins, limits, new LinkedHashSet<>(List.of("a@example.com", "nope", "c@example.com")),
                Optional.of("no reply"), "0.1", "us-east-1", false), Service.class, false),
        new Case("decimal max, size and a getter", serviceValues("SAMPLE_RATE", "0.75", "REGION", "eu", "DEBUG", "true"),
            () -> service(db, "ops@example.com", origins, limits, alerts, Optional.empty(), "0.75", "eu", true), Service.class, false),
        new Case("class-level window", Map.of("MAINTENANCE_OPENS_AT", "22", "MAINTENANCE_CLOSES_AT", "3", "NAME", "nightly"),
            () -> new WithWindow(new Maintenance(22, 3), "nightly"), WithWindow.class, false),
        new Case("class-level window and components", Map.of("MAINTENANCE_OPENS_AT", "30", "MAINTENANCE_CLOSES_AT", "25", "NAME", " "),
            () -> new WithWindow(new Maintenance(30, 25), " "), WithWindow.class, false),
        new Case("valid window", Map.of("MAINTENANCE_OPENS_AT", "1", "MAINTENANCE_CLOSES_AT", "3", "NAME", "nightly"),
            () -> new WithWindow(new Maintenance(1, 3), "nightly"), WithWindow.class, false),
        new Case("cascade into a converted type", Map.of("UPSTREAM", " :0", "RETRIES", "0"),
            () -> new WithEndpoint(new Endpoint(" ", 0), 0), WithEndpoint.class, true),
        new Case("valid converted type", Map.of("UPSTREAM", "api:443", "RETRIES", "3"),
            () -> new WithEndpoint(new Endpoint("api", 443), 3), WithEndpoint.class, true));
  }

  private static Map<String, Integer> ordered(Object... pairs) {
    Map<String, Integer> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], (Integer) pairs[i + 1]);
    }
    return map;
  }

  private static Env.Builder builder(Case input) {
    Env.Builder builder = Env.builder().hermetic().values(input.values());
    return input.withConverter() ? builder.converter(Endpoint.class, Endpoint::parse) : builder;
  }

  @ParameterizedTest
  @MethodSource("corpus")
  void envelopeFindsWhatHibernateValidatorFinds(Case input) {
    PlainHibernateValidator.Verdict expected = PlainHibernateValidator.validate(input.instance().get());

    assertThat(PlainHibernateValidator.envelope(builder(input), input.schema())).isEqualTo(expected.problems());
    if (expected.problems().isEmpty()) {
      assertThat((Object) builder(input).load(input.schema())).isEqualTo(input.instance().get());
    }
  }

  @Test
  void theCorpusExercisesEveryPlace() {
    String all = corpus().map(input -> PlainHibernateValidator.validate(input.instance().get()).problems().toString())
        .reduce("", String::concat);

    assertThat(all)
        .contains("DATABASE_*: poolOrdered: pool min must not exceed pool max")
        .contains("CORS_ORIGINS: [1] must be a valid URL")
        .contains("RATE_LIMITS: [write] must be greater than 0")
        .contains("ALERT_EMAILS: [1] must be a well-formed email address")
        .contains("REPLY_TO: must be a well-formed email address")
        .contains("Service: debugInEu: must be false")
        .contains("MAINTENANCE_*: the window must open before it closes")
        .contains("SAMPLE_RATE: must be less than or equal to 0.5");
  }

  @Test
  void theRealisticSchemaNeedsNoValidatorAndTheCustomOnesDo() {
    assertThat(Schema.of(Service.class, Map.of()).needsValidator()).isFalse();
    assertThat(Schema.of(WithWindow.class, Map.of()).needsValidator()).isTrue();
    assertThat(Schema.of(WithEndpoint.class, Map.of(Endpoint.class, Endpoint::parse)).needsValidator()).isTrue();
  }
}
