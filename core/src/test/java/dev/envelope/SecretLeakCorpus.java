package dev.envelope;

import dev.envelope.spi.EnvProvider;
import dev.envelope.spi.JsonSecretExpander;
import dev.envelope.spi.ProviderException;
import dev.envelope.spi.ProviderRequest;
import dev.envelope.spi.ProviderSnapshot;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Bad inputs that each hold one secret, the canary, where a message might quote it: the corpus of the
 * secret-leak sweep in {@link SecretLeakTest}. Each case says which problem it must end in, so that a
 * case which stopped reaching its failure cannot pass by printing nothing.
 */
final class SecretLeakCorpus {
  /** Random letters: no six of them in a row turn up in ordinary text. */
  static final String CANARY = "qZ8xK3vNw7Jp5Rt2Lm";

  private SecretLeakCorpus() {}

  /** What a case runs: a load in {@code dir}, returning its resolution or throwing. */
  interface Attempt {
    Object run(Path dir) throws Exception;
  }

  /**
   * One bad input: {@code expected} is the variable and kind of a problem it must produce ({@code
   * "API_TOKEN INVALID"}, {@code $DIR} standing for the directory of the case's files), or a
   * warning's variable after {@code "warns "} for a load that succeeds.
   */
  record Case(String name, String expected, Attempt attempt) {
    @Override
    public String toString() {
      return name;
    }
  }

  record App(Secret<String> apiToken, @Default("80") int port, @Default("x") String label, Optional<URI> databaseUrl) {}

  record Numbers(Secret<Integer> pin, Secret<List<Integer>> codes, Secret<Map<String, Integer>> limits, Secret<URI> dsn) {
    Numbers {}
  }

  record Sized(@Size(min = 64) Secret<String> apiToken, Optional<@NotBlank Secret<String>> backupToken) {}

  record Inner(Secret<String> token) {}

  record Outer(Inner inner, String label) {
    Outer {
      if (label.equals("bad")) {
        throw new IllegalArgumentException("bad label next to " + inner.token().reveal().substring(0, 9));
      }
    }
  }

  /** A type that user code converts, validated through {@code @Valid}. */
  record Endpoint(@Size(max = 5) String user, String host) {}

  record Linked(Secret<String> apiToken, @Valid Endpoint endpoint) {}

  @Target({ElementType.TYPE_USE, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
  @Retention(RetentionPolicy.RUNTIME)
  @Constraint(validatedBy = Prefixed.Validator.class)
  @interface Prefixed {
    String message() default "must start with tok_";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<Prefixed, CharSequence> {
      @Override
      public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
        if (value == null || value.toString().startsWith("tok_")) {
          return true;
        }
        if (value.toString().endsWith("!")) {
          throw new IllegalStateException("cannot check " + value);
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate("must start with tok_, not " + value.subSequence(0, 7)).addConstraintViolation();
        return false;
      }
    }
  }

  record Checked(Secret<@Prefixed String> apiToken) {}

  @Target(ElementType.TYPE)
  @Retention(RetentionPolicy.RUNTIME)
  @Constraint(validatedBy = Paired.Validator.class)
  @interface Paired {
    String message() default "tokens must differ";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<Paired, Pair> {
      @Override
      public boolean isValid(Pair pair, ConstraintValidatorContext context) {
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate("old " + pair.old().reveal().substring(3, 10) + " is still used").addConstraintViolation();
        return false;
      }
    }
  }

  @Paired
  record Pair(Secret<String> old, Secret<String> current) {}

  record Rotation(Pair pair) {}

  static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    String token = "API_TOKEN=" + CANARY + "\n";

    // Denial of service from a file, and lines that may be pasted credentials (issue 22, 1-3).
    cases.add(dotEnv("nested defaults beyond the depth limit", "A INVALID", token
        + "A=" + "${X:-".repeat(2000) + "${API_TOKEN}" + "}".repeat(2000) + "\n"));
    cases.add(dotEnv("a file that expands to gigabytes", "L16 INVALID", expansionBomb()));
    cases.add(dotEnv("a line 'id:secret'", "$DIR/.env INVALID", "svc:" + CANARY + "\n"));
    cases.add(dotEnv("a line with no '='", "$DIR/.env INVALID", CANARY + "\n"));
    cases.add(dotEnv("an unterminated quote", "API_TOKEN INVALID", "API_TOKEN=\"" + CANARY + "\nPORT=1\n"));
    cases.add(dotEnv("a key holding the secret", "$DIR/.env INVALID", CANARY + " x=1\n"));
    cases.add(dotEnv("an unterminated reference", "LABEL INVALID", token + "LABEL=${API_TOKEN\n"));
    cases.add(new Case("a Compose ${VAR:?} error quoting a secret", "UNSET MISSING", dir -> {
      Files.writeString(dir.resolve(".env"), token + "LABEL=${UNSET:?not set, token ${API_TOKEN}}\n");
      return Env.builder().hermetic().directory(dir).dotEnvSyntax(DotEnvSyntax.COMPOSE).resolve(App.class);
    }));

    // Values from files and the environment.
    cases.add(dotEnv("a secret expanded into a plain integer", "PORT INVALID", token + "PORT=${API_TOKEN}\n"));
    cases.add(dotEnv("a secret expanded into an invalid URI", "DATABASE_URL INVALID",
        token + "DATABASE_URL=postgres://app:${API_TOKEN}@db/x y\n"));
    cases.add(dotEnv("a secret in production from a .env file", "API_TOKEN CONSTRAINT", token + "APP_ENV=production\n"));
    cases.add(new Case("a VAR and its VAR_FILE both set", "API_TOKEN INVALID", dir -> {
      Path file = Files.writeString(dir.resolve("token"), CANARY);
      return Env.builder().hermetic().environment(Map.of("API_TOKEN", CANARY, "API_TOKEN_FILE", file.toString())).resolve(App.class);
    }));
    cases.add(new Case("a VAR_FILE holding an invalid number", "PIN INVALID", dir -> {
      Path file = Files.writeString(dir.resolve("pin"), CANARY);
      return Env.builder().hermetic().environment(Map.of("PIN_FILE", file.toString()))
          .values(Map.of("CODES", "1", "LIMITS", "a=1", "DSN", "https://x")).resolve(Numbers.class);
    }));
    cases.add(load("an invalid APP_ENV beside other problems", "APP_ENV INVALID", Env.builder().hermetic()
        .values(Map.of("APP_ENV", "prodution", "API_TOKEN", CANARY, "PORT", CANARY)), App.class));
    cases.add(new Case("a typo of a secret's name in strict mode", "API_TOKN UNKNOWN", dir -> {
      Files.writeString(dir.resolve(".env"), "API_TOKN=" + CANARY + "\n");
      return Env.builder().hermetic().directory(dir).strict().resolve(App.class);
    }));
    cases.add(new Case("a typo of a secret's name, loaded with a warning", "warns API_TOKN", dir -> {
      Files.writeString(dir.resolve(".env"), token + "API_TOKN=" + CANARY + "\n");
      return Env.builder().hermetic().directory(dir).resolve(App.class);
    }));
    cases.add(dotEnv("a password inside a plain URL beside a problem", "PORT INVALID",
        token.replace(CANARY, "tok-plain-1234") + "DATABASE_URL=postgres://app:" + CANARY + "@db/app\nPORT=eighty\n"));
    cases.add(dotEnv("a DSN key inside a plain URL beside a problem", "PORT INVALID",
        token.replace(CANARY, "tok-plain-1234") + "DATABASE_URL=https://" + CANARY + "@o1.ingest.sentry.io/2\nPORT=eighty\n"));

    // Conversion and constraints.
    Map<String, String> numbers = numbers();
    cases.add(load("a secret integer that is not one", "PIN INVALID", Env.builder().hermetic().values(with(numbers, "PIN", CANARY)), Numbers.class));
    cases.add(load("a secret list with a bad item", "CODES INVALID", Env.builder().hermetic().values(with(numbers, "CODES", "1," + CANARY)), Numbers.class));
    cases.add(load("a secret map with a bad value", "LIMITS INVALID", Env.builder().hermetic().values(with(numbers, "LIMITS", "a=" + CANARY)), Numbers.class));
    cases.add(load("a secret URI that is not one", "DSN INVALID", Env.builder().hermetic().values(with(numbers, "DSN", "http://" + CANARY + " x")), Numbers.class));
    cases.add(load("a secret too short for @Size", "API_TOKEN CONSTRAINT", Env.builder().hermetic().value("API_TOKEN", CANARY), Sized.class));
    cases.add(load("a blank optional secret under @NotBlank", "BACKUP_TOKEN CONSTRAINT", Env.builder().hermetic()
        .values(Map.of("API_TOKEN", CANARY.repeat(4), "BACKUP_TOKEN", " ")), Sized.class));
    cases.add(load("a converter quoting a value built from a secret", "PORT INVALID", Env.builder().hermetic()
        .values(Map.of("API_TOKEN", CANARY, "PORT", "1" + CANARY))
        .converter(Integer.class, text -> { throw new IllegalArgumentException("no port in " + text.substring(0, 8)); }), App.class));
    cases.add(load("a parent's constructor quoting a nested secret", "Outer CONSTRAINT", Env.builder().hermetic()
        .values(Map.of("INNER_TOKEN", CANARY, "LABEL", "bad")), Outer.class));
    cases.add(load("a custom validator quoting a secret's prefix", "API_TOKEN CONSTRAINT",
        Env.builder().hermetic().value("API_TOKEN", CANARY), Checked.class));
    cases.add(load("a custom validator throwing with the secret", "Checked SCHEMA",
        Env.builder().hermetic().value("API_TOKEN", CANARY + "!"), Checked.class));
    cases.add(load("a class-level validator quoting a member secret", "PAIR_* CONSTRAINT",
        Env.builder().hermetic().values(Map.of("PAIR_OLD", CANARY, "PAIR_CURRENT", "x")), Rotation.class));
    cases.add(load("a @Valid custom type built from a secret", "ENDPOINT CONSTRAINT", Env.builder().hermetic()
        .values(Map.of("API_TOKEN", CANARY, "ENDPOINT", CANARY + "@db"))
        .converter(Endpoint.class, text -> new Endpoint(text.substring(0, text.indexOf('@')), "db")), Linked.class));

    // Providers (issue 22, 7, 11, 12).
    cases.add(provider("a provider's exception quoting a setting of any name", "vault PROVIDER",
        request -> { throw new IllegalStateException("login failed for " + request.setting("VAULT_LOGIN").orElseThrow()); }));
    cases.add(provider("a provider echoing a fragment of its credential", "vault PROVIDER",
        request -> { throw new ProviderException("rejected token " + request.setting("VAULT_LOGIN").orElseThrow().substring(2, 14) + "…"); }));
    cases.add(provider("a provider's failure whose cause quotes the credential", "vault PROVIDER",
        request -> { throw new ProviderException("vault refused", new IOException("Authorization: " + request.setting("VAULT_LOGIN").orElseThrow())); }));
    cases.add(provider("a provider's malformed JSON secret holding the secret", "vault PROVIDER", request -> {
      JsonSecretExpander.Expansion expansion = JsonSecretExpander.expand("{\"API_TOKEN\": " + CANARY + "}", "", "");
      throw new ProviderException("app/config: " + String.join("; ", expansion.problems()));
    }));
    cases.add(provider("a provider's secret that fails conversion", "PORT INVALID", request ->
        ProviderSnapshot.builder().secret("API_TOKEN", CANARY, "vault app").secret("PORT", CANARY, "vault app#PORT").build()));
    cases.add(provider("a provider's secret bound to a plain variable in production", "LABEL CONSTRAINT", request ->
        ProviderSnapshot.builder().secret("API_TOKEN", CANARY, "vault app").secret("LABEL", CANARY, "vault app#LABEL").build(),
        "production"));
    cases.add(new Case("a provider that never answers", "vault PROVIDER", dir -> {
      CountDownLatch never = new CountDownLatch(1);
      try {
        return Env.builder().hermetic().environment(Map.of("VAULT_LOGIN", CANARY)).providerTimeout(Duration.ofMillis(300))
            .provider(provider(request -> {
              never.await(30, TimeUnit.SECONDS);
              throw new ProviderException("answered late with " + request.setting("VAULT_LOGIN").orElseThrow());
            })).resolve(App.class);
      } finally {
        never.countDown();
      }
    }));
    return cases;
  }

  private static Map<String, String> numbers() {
    return Map.of("PIN", "1", "CODES", "1", "LIMITS", "a=1", "DSN", "https://x");
  }

  private static Map<String, String> with(Map<String, String> values, String name, String value) {
    Map<String, String> copy = new java.util.HashMap<>(values);
    copy.put(name, value);
    return copy;
  }

  private static String expansionBomb() {
    StringBuilder file = new StringBuilder("L0=" + CANARY + "\n");
    for (int k = 1; k <= 32; k++) {
      file.append('L').append(k).append("=${L").append(k - 1).append("}${L").append(k - 1).append("}\n");
    }
    return file.toString();
  }

  private static Case dotEnv(String name, String expected, String contents) {
    return new Case(name, expected, dir -> {
      Files.writeString(dir.resolve(".env"), contents);
      return Env.builder().hermetic().directory(dir).resolve(App.class);
    });
  }

  private static Case load(String name, String expected, Env.Builder builder, Class<? extends Record> schema) {
    return new Case(name, expected, dir -> builder.resolve(schema));
  }

  interface Fetch {
    ProviderSnapshot fetch(ProviderRequest request) throws Exception;
  }

  private static EnvProvider provider(Fetch fetch) {
    return new EnvProvider() {
      @Override
      public String name() {
        return "vault";
      }

      @Override
      public ProviderSnapshot fetch(ProviderRequest request) throws Exception {
        return fetch.fetch(request);
      }
    };
  }

  private static Case provider(String name, String expected, Fetch fetch) {
    return provider(name, expected, fetch, "development");
  }

  private static Case provider(String name, String expected, Fetch fetch, String profile) {
    return new Case(name, expected, dir -> Env.builder().hermetic().profile(profile)
        .environment(Map.of("VAULT_LOGIN", CANARY)).value("API_TOKEN", "tok-plain-1234").provider(provider(fetch)).resolve(App.class));
  }
}
