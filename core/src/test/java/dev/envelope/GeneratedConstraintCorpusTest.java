package dev.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envelope.internal.schema.Schema;
import java.io.File;
import java.lang.reflect.Constructor;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated differential corpus: every constraint of {@code jakarta.validation.constraints} that
 * applies to a type Envelope converts (the date and time ones apply to none), and Hibernate
 * Validator's {@code @URL}, {@code @Length}, {@code @Range} and {@code @UUID}, in several attribute
 * variants, on every such type, as a component and as a list, set, map key, map value and optional
 * element, each with valid, invalid and edge values. Each combination is a record compiled here;
 * each input is loaded by Envelope and checked by plain Hibernate Validator on the same instance
 * ({@link PlainHibernateValidator}), and the two must agree. Every generated schema must also be one
 * Envelope evaluates without starting Hibernate Validator.
 */
class GeneratedConstraintCorpusTest {
  enum Kind { ANY, BOOLEAN, TEXT, SIZED, NUMBER }

  private static final List<String> ANY = List.of("@NotNull", "@Null");
  private static final List<String> BOOLEAN = List.of("@AssertTrue", "@AssertFalse", "@AssertTrue(message = \"must be on\")");
  private static final List<String> TEXT = List.of(
      "@NotBlank", "@Pattern(regexp = \"[a-z]+\")", "@Pattern(regexp = \"[a-z]+\", flags = Pattern.Flag.CASE_INSENSITIVE)",
      "@Pattern(regexp = \"\\\\d+\", message = \"{regexp} expected\")", "@Email", "@Email(regexp = \".*@example\\\\.com\")",
      "@URL", "@URL(protocol = \"https\")", "@URL(host = \"example.com\")", "@URL(port = 443)", "@UUID",
      "@UUID(allowNil = false)", "@UUID(letterCase = UUID.LetterCase.INSENSITIVE)", "@UUID(version = 4)",
      "@UUID(allowEmpty = true)", "@Length(min = 2, max = 5)", "@Length(max = 3)");
  private static final List<String> SIZED = List.of(
      "@NotEmpty", "@Size(min = 2, max = 4)", "@Size(min = 1)", "@Size(max = 3)",
      "@Size(min = 2, max = 4, message = \"between {min} and {max}, not {unknown}\")");
  private static final List<String> NUMBER = List.of(
      "@Min(0)", "@Min(-5)", "@Min(10)", "@Max(10)", "@Max(-1)", "@Min(value = 1, message = \"at least {value}, please\")",
      "@DecimalMin(\"1.5\")", "@DecimalMin(value = \"1.5\", inclusive = false)", "@DecimalMax(\"10.25\")",
      "@DecimalMax(value = \"0\", inclusive = false)", "@DecimalMin(value = \"-0.001\", message = \"{value} or more\")",
      "@Positive", "@PositiveOrZero", "@Negative", "@NegativeOrZero", "@Digits(integer = 3, fraction = 2)",
      "@Digits(integer = 1, fraction = 0)", "@Range(min = 1, max = 10)", "@Range(min = -3)");

  private static final List<String> STRINGS = List.of(
      "", " ", "\u2003", "a", "ab", "abcd", "abcdef", "ABC", "abc", "abc def", "\u00fcn\u00ef", "12", "-3", "0", "-0", "1.5",
      "1.50", "10.25", "10.26", "999.999", "1000", "1e3", "12345678901234567890", "abc1", "user@example.com",
      "a.b+c@sub.example.org", "not-an-email", "x@y", "@example.com", "user@", "\"q\"@example.com", "user@[127.0.0.1]",
      "user@example.com.", "\u00fc@\u00fc.de", "http://example.com", "https://example.com:443/x", "https://example.com/x?y=1",
      "ftp://files.example.com", "example.com", "https://other.org/", "mailto:a@example.com", "http://[::1]:8080/",
      "550e8400-e29b-41d4-a716-446655440000", "550E8400-E29B-41D4-A716-446655440000",
      "00000000-0000-0000-0000-000000000000", "550e8400-e29b-61d4-a716-446655440000",
      "550e8400-e29b-41d4-c716-446655440000", "550e8400e29b41d4a716446655440000");
  private static final List<String> INTS =
      List.of("-6", "-5", "-4", "-3", "-1", "0", "1", "2", "3", "9", "10", "11", "100", "999", "1000", "2147483647", "-2147483648");
  private static final List<String> LONGS = concat(INTS, List.of("9223372036854775807", "-9223372036854775808", "12345678901"));
  private static final List<String> SHORTS = List.of("-32768", "-6", "-1", "0", "1", "9", "10", "11", "100", "32767");
  private static final List<String> BYTES = List.of("-128", "-6", "-1", "0", "1", "9", "10", "11", "127");
  private static final List<String> DECIMALS = List.of(
      "0", "-0.0", "0.5", "1", "1.49", "1.5", "1.51", "9.99", "10", "10.25", "10.26", "11", "-3", "-0.001", "-0.0011",
      "1e10", "123.456", "1.0E-5", "100.5", "999.99", "0.001");
  private static final List<String> BIG_INTEGERS =
      List.of("-6", "-1", "0", "1", "10", "11", "999", "123456789012345678901234567890", "-123456789012345678901234567890");
  private static final List<String> BIG_DECIMALS = concat(DECIMALS, List.of("0.00", "1.50", "10.250", "10.2501", "1E+3", "99.990"));

  /** A type to generate: its declaration with {@code %s} where the constraint goes, and its inputs. */
  record Type(String declaration, Set<Kind> kinds, List<String> inputs, Function<String, Object> value) {}

  private static List<Type> types() {
    Set<Kind> numeric = Set.of(Kind.NUMBER, Kind.ANY);
    Set<Kind> text = Set.of(Kind.TEXT, Kind.NUMBER, Kind.SIZED, Kind.ANY);
    List<String> elements = STRINGS.stream().filter(s -> !s.isEmpty() && s.equals(s.trim()) && !s.contains(",") && !s.contains("=")).toList();
    List<String> unsetOrStrings = concat(Arrays.asList((String) null), STRINGS);
    List<String> unsetOrInts = concat(Arrays.asList((String) null), INTS);
    return List.of(
        new Type("%s String value", text, STRINGS, s -> s),
        new Type("%s int value", numeric, INTS, Integer::valueOf),
        new Type("%s Integer value", numeric, INTS, Integer::valueOf),
        new Type("%s long value", numeric, LONGS, Long::valueOf),
        new Type("%s Long value", numeric, LONGS, Long::valueOf),
        new Type("%s short value", numeric, SHORTS, Short::valueOf),
        new Type("%s Byte value", numeric, BYTES, Byte::valueOf),
        new Type("%s double value", numeric, DECIMALS, Double::valueOf),
        new Type("%s Double value", numeric, DECIMALS, Double::valueOf),
        new Type("%s float value", numeric, DECIMALS, Float::valueOf),
        new Type("%s BigInteger value", numeric, BIG_INTEGERS, BigInteger::new),
        new Type("%s BigDecimal value", numeric, BIG_DECIMALS, BigDecimal::new),
        new Type("%s boolean value", Set.of(Kind.BOOLEAN, Kind.ANY), List.of("true", "false"), Boolean::valueOf),
        new Type("%s Boolean value", Set.of(Kind.BOOLEAN, Kind.ANY), List.of("true", "false"), Boolean::valueOf),
        new Type("%s List<String> value", Set.of(Kind.SIZED, Kind.ANY), List.of("a", "a,b", "a,b,c", "a,b,c,d", "a,b,c,d,e"), s -> List.of(s.split(","))),
        new Type("%s Set<String> value", Set.of(Kind.SIZED, Kind.ANY), List.of("a", "a,b", "a,b,c,d", "a,b,c,d,e"), s -> new LinkedHashSet<>(List.of(s.split(",")))),
        new Type("%s Map<String, Integer> value", Set.of(Kind.SIZED, Kind.ANY), List.of("a=1", "a=1,b=2", "a=1,b=2,c=3,d=4,e=5"), GeneratedConstraintCorpusTest::map),
        new Type("List<%s String> value", text, prefixed("abc,", elements), s -> List.of(s.split(","))),
        new Type("Set<%s String> value", text, prefixed("abc,", elements), s -> new LinkedHashSet<>(List.of(s.split(",")))),
        new Type("List<%s Integer> value", numeric, prefixed("1,", INTS), s -> Arrays.stream(s.split(",")).map(Integer::valueOf).toList()),
        new Type("Map<String, %s Integer> value", numeric, prefixed("a=1,b=", INTS), GeneratedConstraintCorpusTest::map),
        new Type("Map<%s String, Integer> value", text, suffixed(prefixed("fixed=1,", elements), "=2"), GeneratedConstraintCorpusTest::map),
        new Type("Optional<%s String> value", text, unsetOrStrings, s -> Optional.ofNullable(s)),
        new Type("Optional<%s Integer> value", numeric, unsetOrInts, s -> Optional.ofNullable(s).map(Integer::valueOf)),
        new Type("%s OptionalInt value", numeric, unsetOrInts, s -> s == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(s))));
  }

  private static Map<String, Integer> map(String text) {
    Map<String, Integer> map = new LinkedHashMap<>();
    for (String entry : text.split(",")) {
      int equals = entry.indexOf('=');
      map.put(entry.substring(0, equals), Integer.valueOf(entry.substring(equals + 1)));
    }
    return map;
  }

  private static List<String> constraints(Kind kind) {
    return switch (kind) {
      case ANY -> ANY;
      case BOOLEAN -> BOOLEAN;
      case TEXT -> TEXT;
      case SIZED -> SIZED;
      case NUMBER -> NUMBER;
    };
  }

  /** One generated schema: the record's source, the type, the constraint. */
  record Combination(String name, String source, Type type, String constraint) {}

  private static List<Combination> combinations() {
    List<Combination> combinations = new ArrayList<>();
    for (Type type : types()) {
      for (Kind kind : Kind.values()) {
        if (!type.kinds().contains(kind)) {
          continue;
        }
        for (String constraint : constraints(kind)) {
          String name = "C" + combinations.size();
          String source = "  public record " + name + "(" + type.declaration().formatted(constraint) + ") {}\n";
          combinations.add(new Combination(name, source, type, constraint));
        }
      }
    }
    return combinations;
  }

  @Test
  void envelopeAndHibernateValidatorAgreeOnEveryGeneratedCase(@TempDir Path dir) throws Exception {
    List<Combination> combinations = combinations();
    ClassLoader loader = compile(dir, combinations);
    int cases = 0;
    int violations = 0;
    int onEmptyOptionals = 0;
    List<String> disagreements = new ArrayList<>();
    for (Combination combination : combinations) {
      @SuppressWarnings("unchecked")
      Class<? extends Record> schema = (Class<? extends Record>) loader.loadClass("corpus.Corpus$" + combination.name());
      assertThat(Schema.of(schema, Map.of()).needsValidator()).as(combination.source()).isFalse();
      Constructor<?> constructor = schema.getDeclaredConstructors()[0];
      constructor.setAccessible(true);
      for (String input : combination.type().inputs()) {
        if (input != null && input.isEmpty() && (combination.constraint().equals("@NotBlank") || combination.constraint().equals("@NotEmpty"))) {
          continue; // an empty value is unset under these (docs/schema.md): MISSING, not a violation
        }
        Record instance = (Record) constructor.newInstance(combination.type().value().apply(input));
        PlainHibernateValidator.Verdict expected = PlainHibernateValidator.validate(instance);
        Env.Builder builder = Env.builder().hermetic();
        if (input != null) {
          builder.value("VALUE", input);
        }
        Set<String> actual = PlainHibernateValidator.envelope(builder, schema);
        cases++;
        violations += expected.problems().size();
        onEmptyOptionals += expected.onEmptyOptionals();
        if (!actual.equals(expected.problems())) {
          disagreements.add(combination.source().trim() + " <- '" + input + "': Envelope " + actual + ", Hibernate Validator " + expected.problems());
        } else if (actual.isEmpty() && !builder.load(schema).equals(instance)) {
          disagreements.add(combination.source().trim() + " <- '" + input + "': loaded another value");
        }
      }
    }
    System.out.printf("differential corpus: %d schemas, %d cases, %d violations, %d disagreements"
        + " (and %d violations of empty optionals, valid in Envelope by design)%n",
        combinations.size(), cases, violations, disagreements.size(), onEmptyOptionals);
    assertThat(disagreements).as("%d of %d cases disagree", disagreements.size(), cases).isEmpty();
    assertThat(cases).isGreaterThan(3000);
    assertThat(violations).isGreaterThan(cases / 3);
  }

  private static ClassLoader compile(Path dir, List<Combination> combinations) throws Exception {
    StringBuilder source = new StringBuilder("package corpus;\n\nimport jakarta.validation.constraints.*;\n"
        + "import org.hibernate.validator.constraints.*;\nimport org.hibernate.validator.constraints.UUID;\nimport java.math.*;\nimport java.util.*;\n\npublic final class Corpus {\n");
    for (Combination combination : combinations) {
      source.append(combination.source());
    }
    source.append("}\n");
    Path file = Files.createDirectories(dir.resolve("src/corpus")).resolve("Corpus.java");
    Files.writeString(file, source);
    Path classes = Files.createDirectories(dir.resolve("classes"));
    String classPath = location(jakarta.validation.constraints.Min.class) + File.pathSeparator
        + location(org.hibernate.validator.constraints.URL.class);
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    int status = compiler.run(null, null, null, "-d", classes.toString(), "-cp", classPath, "--release", "17", file.toString());
    assertThat(status).as("the corpus compiles").isZero();
    return new URLClassLoader(new URL[] {classes.toUri().toURL()}, GeneratedConstraintCorpusTest.class.getClassLoader());
  }

  private static String location(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }

  private static List<String> prefixed(String prefix, List<String> inputs) {
    return inputs.stream().map(s -> prefix + s).toList();
  }

  private static List<String> suffixed(List<String> inputs, String suffix) {
    return inputs.stream().map(s -> s + suffix).toList();
  }

  @SafeVarargs
  private static <T> List<T> concat(List<T>... lists) {
    List<T> all = new ArrayList<>();
    for (List<T> list : lists) {
      all.addAll(list);
    }
    return all;
  }
}
