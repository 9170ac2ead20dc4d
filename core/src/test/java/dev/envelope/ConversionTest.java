package dev.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.entry;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.URI;
import java.net.URL;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Conversion of text to every type the schema reference lists, through the public API, with the
 * exact problems reported for bad values. Expected values are written from the spec by hand.
 */
class ConversionTest {
  private static final String CANARY = "canary-51f0e9";

  enum Level { DEBUG, INFO, WARN }

  enum Mode { READ_ONLY, READ_WRITE }

  record Numbers(int anInt, Integer boxedInt, long aLong, Long boxedLong, short aShort, Short boxedShort,
      byte aByte, Byte boxedByte, double aDouble, Double boxedDouble, float aFloat, Float boxedFloat,
      char aChar, Character boxedChar, BigInteger big, BigDecimal decimal) {}

  record Texts(String name, Level level, Mode mode, URI uri, URL url, Path path, ZoneId zone, Charset charset,
      byte[] bytes) {}

  record IntValue(int value) {}
  record LongValue(long value) {}
  record ShortValue(short value) {}
  record ByteValue(byte value) {}
  record DoubleValue(double value) {}
  record FloatValue(float value) {}
  record BooleanValue(boolean value) {}
  record BoxedBooleanValue(Boolean value) {}
  record CharValue(char value) {}
  record DecimalValue(BigDecimal value) {}
  record LevelValue(Level value) {}
  record UriValue(URI value) {}
  record UrlValue(URL value) {}
  record DurationValue(Duration value) {}
  record AddressValue(InetAddress value) {}
  record ZoneValue(ZoneId value) {}
  record CharsetValue(Charset value) {}
  record BytesValue(byte[] value) {}
  record IntListValue(List<Integer> value) {}
  record StringListValue(List<String> value) {}
  record LevelSetValue(Set<Level> value) {}
  record IntMapValue(Map<String, Integer> value) {}
  record StringMapValue(Map<String, String> value) {}
  record DurationMapValue(Map<String, Duration> value) {}

  record Optionals(Optional<Integer> count, OptionalInt port, OptionalLong size, OptionalDouble ratio,
      Optional<Secret<String>> token) {}

  record Secrets(Secret<String> password, Secret<Integer> pin, Optional<Secret<String>> apiKey) {}

  record BadSecrets(Secret<Integer> pin, Secret<Long> serial, Secret<Boolean> flag, Secret<Duration> ttl,
      Secret<Level> level, Secret<URI> uri, Secret<InetAddress> host, Secret<byte[]> key,
      Secret<List<Integer>> pins, Secret<Map<String, Integer>> limits, Optional<Secret<Integer>> spare,
      Secret<Ticket> ticket) {}

  record Database(String url, @Default("2") int poolMin, @Default("10") int poolMax) {}

  record Service(String name, Database database) {}

  record WithProfile(Profile profile) {}

  record HostPort(String host, int port) {}

  record Upstream(HostPort upstream, Secret<HostPort> backup) {}

  record Tickets(Ticket ticket, Code code) {}

  record BadDefault(@Default("ten") int workers) {}

  record Dates(LocalDate releasedOn, Secret<LocalDate> embargo) {}

  /** A type SmallRye converts implicitly through its static {@code of(String)}. */
  public static final class Ticket {
    private final String code;

    private Ticket(String code) {
      this.code = code;
    }

    /** Parses {@code T-123}; the message quotes the text, which Envelope must not repeat. */
    public static Ticket of(String text) {
      if (!text.startsWith("T-")) {
        throw new IllegalArgumentException("bad ticket: " + text);
      }
      return new Ticket(text.substring(2));
    }

    String code() {
      return code;
    }
  }

  /** A type SmallRye converts implicitly through its static {@code valueOf(String)}. */
  public static final class Code {
    private final int number;

    private Code(int number) {
      this.number = number;
    }

    /** Parses {@code #7}. */
    public static Code valueOf(String text) {
      if (!text.startsWith("#")) {
        throw new IllegalArgumentException("bad code: " + text);
      }
      return new Code(Integer.parseInt(text.substring(1)));
    }

    int number() {
      return number;
    }
  }

  private static <T extends Record> T load(Class<T> schema, Map<String, String> values) {
    return Env.builder().hermetic().values(values).load(schema);
  }

  private static <T extends Record> T loadValue(Class<T> schema, String value) {
    return load(schema, Map.of("VALUE", value));
  }

  private static EnvException failure(Class<? extends Record> schema, Map<String, String> values) {
    Throwable thrown = catchThrowable(() -> load(schema, values));
    assertThat(thrown).isInstanceOf(EnvException.class);
    return (EnvException) thrown;
  }

  /** Returns the single problem of loading {@code value} into {@code VALUE}. */
  private static Problem problemOf(Class<? extends Record> schema, String value) {
    EnvException e = failure(schema, Map.of("VALUE", value));
    assertThat(e.problems()).hasSize(1);
    Problem problem = e.problems().get(0);
    assertThat(problem.variable()).isEqualTo("VALUE");
    assertThat(problem.kind()).isEqualTo(Problem.Kind.INVALID);
    assertThat(problem.origin()).isEqualTo("builder values");
    return problem;
  }

  @Test
  void convertsNumbersAndCharactersOfEveryWidth() {
    Numbers n = load(Numbers.class, Map.ofEntries(
        entry("AN_INT", "-42"), entry("BOXED_INT", "+7"), entry("A_LONG", "9223372036854775807"),
        entry("BOXED_LONG", "-9223372036854775808"), entry("A_SHORT", "32767"), entry("BOXED_SHORT", "-32768"),
        entry("A_BYTE", "127"), entry("BOXED_BYTE", "-128"), entry("A_DOUBLE", "1.5e3"),
        entry("BOXED_DOUBLE", "-0.25"), entry("A_FLOAT", "2.5"), entry("BOXED_FLOAT", "3"),
        entry("A_CHAR", "x"), entry("BOXED_CHAR", "é"), entry("BIG", "123456789012345678901234567890"),
        entry("DECIMAL", "0.10")));
    assertThat(n.anInt()).isEqualTo(-42);
    assertThat(n.boxedInt()).isEqualTo(7);
    assertThat(n.aLong()).isEqualTo(Long.MAX_VALUE);
    assertThat(n.boxedLong()).isEqualTo(Long.MIN_VALUE);
    assertThat(n.aShort()).isEqualTo((short) 32767);
    assertThat(n.boxedShort()).isEqualTo((short) -32768);
    assertThat(n.aByte()).isEqualTo((byte) 127);
    assertThat(n.boxedByte()).isEqualTo((byte) -128);
    assertThat(n.aDouble()).isEqualTo(1500.0);
    assertThat(n.boxedDouble()).isEqualTo(-0.25);
    assertThat(n.aFloat()).isEqualTo(2.5f);
    assertThat(n.boxedFloat()).isEqualTo(3.0f);
    assertThat(n.aChar()).isEqualTo('x');
    assertThat(n.boxedChar()).isEqualTo('é');
    assertThat(n.big()).isEqualTo(new BigInteger("123456789012345678901234567890"));
    assertThat(n.decimal()).isEqualTo(new BigDecimal("0.10"));
  }

  @Test
  void convertsTextTypes() throws Exception {
    Texts t = load(Texts.class, Map.of(
        "NAME", " keeps spaces ", "LEVEL", "Warn", "MODE", "read-only", "URI", "/relative/path?q=1",
        "URL", "https://example.com:8443/api", "PATH", "/var/lib/app", "ZONE", "Europe/Paris",
        "CHARSET", "utf-8", "BYTES", "aGVsbG8="));
    assertThat(t.name()).isEqualTo(" keeps spaces ");
    assertThat(t.level()).isEqualTo(Level.WARN);
    assertThat(t.mode()).isEqualTo(Mode.READ_ONLY);
    assertThat(t.uri()).isEqualTo(new URI("/relative/path?q=1"));
    assertThat(t.url().toString()).isEqualTo("https://example.com:8443/api");
    assertThat(t.path()).isEqualTo(Path.of("/var/lib/app"));
    assertThat(t.zone()).isEqualTo(ZoneId.of("Europe/Paris"));
    assertThat(t.charset()).isEqualTo(StandardCharsets.UTF_8);
    assertThat(t.bytes()).containsExactly('h', 'e', 'l', 'l', 'o');
  }

  @Test
  void zoneAcceptsUtcAndOffsets() {
    assertThat(loadValue(ZoneValue.class, "UTC").value()).isEqualTo(ZoneId.of("UTC"));
    assertThat(loadValue(ZoneValue.class, "+02:00").value()).isEqualTo(ZoneOffset.ofHours(2));
  }

  @Test
  void bytesAcceptUrlSafeBase64() {
    // "+/8=" in the standard alphabet is "-_8=" in the URL-safe one: bytes 0xfb, 0xff.
    assertThat(loadValue(BytesValue.class, "-_8=").value()).containsExactly((byte) 0xfb, (byte) 0xff);
    assertThat(loadValue(BytesValue.class, "+/8=").value()).containsExactly((byte) 0xfb, (byte) 0xff);
  }

  @ParameterizedTest
  @CsvSource({"true,true", "false,false", "yes,true", "no,false", "on,true", "off,false", "1,true", "0,false",
      "TRUE,true", "Yes,true", "OFF,false"})
  void acceptsEveryBooleanSpelling(String text, boolean expected) {
    assertThat(loadValue(BooleanValue.class, text).value()).isEqualTo(expected);
    assertThat(loadValue(BoxedBooleanValue.class, text).value()).isEqualTo(expected);
  }

  @Test
  void rejectsOtherBooleanSpellings() {
    assertThat(problemOf(BooleanValue.class, "maybe").message())
        .isEqualTo("'maybe' is not a boolean: use true or false (yes/no, on/off, 1/0)");
    assertThat(problemOf(BooleanValue.class, "2").message()).startsWith("'2' is not a boolean");
  }

  @Test
  void reportsANonIntegerWithTheValueAndItsOrigin() {
    assertThat(problemOf(IntValue.class, "ten").message()).isEqualTo("'ten' is not an integer");
    assertThat(problemOf(IntValue.class, "1.5").message()).isEqualTo("'1.5' is not an integer");
    assertThat(problemOf(LongValue.class, "12abc").message()).isEqualTo("'12abc' is not an integer");

    EnvException e = catchEnv(() -> Env.builder().hermetic().environment(Map.of("VALUE", "ten")).load(IntValue.class));
    assertThat(e.problems()).containsExactly(new Problem("VALUE", Problem.Kind.INVALID, "'ten' is not an integer", "environment"));
  }

  @Test
  void rejectsAMinusSignAfterAPlusSign() {
    assertThat(problemOf(IntValue.class, "+-5").message()).isEqualTo("'+-5' is not an integer");
  }

  @Test
  void reportsIntegersOutOfTheirTypesRange() {
    assertThat(problemOf(IntValue.class, "2147483648").message())
        .isEqualTo("'2147483648' is out of range: must be between -2147483648 and 2147483647");
    assertThat(problemOf(LongValue.class, "9223372036854775808").message())
        .isEqualTo("'9223372036854775808' is out of range: must be between -9223372036854775808 and 9223372036854775807");
    assertThat(problemOf(ShortValue.class, "40000").message())
        .isEqualTo("'40000' is out of range: must be between -32768 and 32767");
    assertThat(problemOf(ByteValue.class, "-129").message())
        .isEqualTo("'-129' is out of range: must be between -128 and 127");
  }

  @Test
  void reportsBadNumbersCharactersAndDecimals() {
    assertThat(problemOf(DoubleValue.class, "fast").message()).isEqualTo("'fast' is not a number");
    assertThat(problemOf(DoubleValue.class, "NaN").message()).isEqualTo("'NaN' is not a number");
    assertThat(problemOf(DoubleValue.class, "1e400").message()).isEqualTo("'1e400' is not a finite number");
    assertThat(problemOf(DecimalValue.class, "1.2.3").message()).isEqualTo("'1.2.3' is not a decimal number");
    assertThat(problemOf(CharValue.class, "ab").message()).isEqualTo("'ab' is not a single character");
  }

  @Test
  void rejectsAFloatBeyondFloatRangeInsteadOfMakingItInfinite() {
    assertThat(problemOf(FloatValue.class, "1e40").message()).startsWith("'1e40' is ");
  }

  @Test
  void enumsAreCaseInsensitiveAndTheErrorListsAllowedValues() {
    assertThat(loadValue(LevelValue.class, "debug").value()).isEqualTo(Level.DEBUG);
    assertThat(loadValue(LevelValue.class, "INFO").value()).isEqualTo(Level.INFO);
    assertThat(problemOf(LevelValue.class, "loud").message()).isEqualTo("'loud' is not one of: debug, info, warn");
  }

  @Test
  void urisAndUrlsAreChecked() {
    assertThat(problemOf(UriValue.class, "http://exa mple.com").message()).startsWith("'http://exa mple.com' is not a valid URI");
    assertThat(problemOf(UrlValue.class, "example.com/path").message()).startsWith("'example.com/path' is not a valid URL");
    assertThat(problemOf(UrlValue.class, "nosuchscheme://host").message()).startsWith("'nosuchscheme://host' is not a valid URL");
  }

  @ParameterizedTest
  @CsvSource({"500ms,PT0.5S", "30s,PT30S", "15m,PT15M", "2h,PT2H", "7d,PT168H", "1h30m,PT1H30M", "PT15M,PT15M",
      "P1DT2H,PT26H"})
  void convertsShortAndIsoDurations(String text, String iso) {
    assertThat(loadValue(DurationValue.class, text).value()).isEqualTo(Duration.parse(iso));
  }

  @Test
  void rejectsABareNumberAsADuration() {
    assertThat(problemOf(DurationValue.class, "15").message()).startsWith("'15' is not a duration");
    assertThat(problemOf(DurationValue.class, "soon").message()).startsWith("'soon' is not a duration");
  }

  @Test
  void convertsIpLiteralsAndLocalhost() {
    assertThat(loadValue(AddressValue.class, "10.0.0.1").value().getAddress()).containsExactly(10, 0, 0, 1);
    byte[] loopback6 = new byte[16];
    loopback6[15] = 1;
    assertThat(loadValue(AddressValue.class, "::1").value().getAddress()).containsExactly(loopback6);
    byte[] documentation = new byte[16];
    documentation[0] = 0x20;
    documentation[1] = 0x01;
    documentation[2] = 0x0d;
    documentation[3] = (byte) 0xb8;
    documentation[15] = 1;
    assertThat(loadValue(AddressValue.class, "2001:db8::1").value().getAddress()).containsExactly(documentation);
    assertThat(loadValue(AddressValue.class, "localhost").value().isLoopbackAddress()).isTrue();
  }

  @Test
  void rejectsHostNamesAndImpossibleAddressesWithoutResolvingThem() {
    assertThat(problemOf(AddressValue.class, "db.internal.example").message())
        .startsWith("'db.internal.example' is not an IP address");
    assertThat(problemOf(AddressValue.class, "999.1.1.1").message()).startsWith("'999.1.1.1' is not");
  }

  @Test
  void rejectsAHostAndPortAsAHostNameWithoutLookingItUp() {
    // InetAddress.getByName looks up any text with a colon that does not start with a hex digit.
    assertThat(problemOf(AddressValue.class, "host.example:80").message())
        .startsWith("'host.example:80' is not an IP address literal");
    assertThat(problemOf(AddressValue.class, "10.0.0.1:5432").message()).startsWith("'10.0.0.1:5432' is not");
  }

  @Test
  void rejectsUnknownZonesCharsetsAndBadBase64() {
    assertThat(problemOf(ZoneValue.class, "Mars/Olympus").message()).startsWith("'Mars/Olympus' is not a time zone");
    assertThat(problemOf(CharsetValue.class, "no-such-charset").message()).startsWith("'no-such-charset' is not a charset");
    assertThat(problemOf(BytesValue.class, "abcde").message()).isEqualTo("'abcde' is not base64");
  }

  @Test
  void rejectsTextOutsideTheBase64AlphabetInsteadOfSkippingIt() {
    // The MIME decoder ignores characters outside the alphabet, so this would decode to 11 bytes.
    assertThat(problemOf(BytesValue.class, "this is not base64!").message()).isEqualTo("'this is not base64!' is not base64");
  }

  @Test
  void listsAndSetsAreCommaSeparatedTrimmedAndEscapable() {
    assertThat(loadValue(IntListValue.class, "1, 2 ,3").value()).containsExactly(1, 2, 3);
    assertThat(loadValue(StringListValue.class, "a\\,b, c").value()).containsExactly("a,b", "c");
    assertThat(loadValue(StringListValue.class, "solo").value()).containsExactly("solo");
    assertThat(loadValue(LevelSetValue.class, "info, WARN, Info").value()).containsExactly(Level.INFO, Level.WARN);
  }

  @Test
  void collectionsAreUnmodifiable() {
    List<Integer> list = loadValue(IntListValue.class, "1,2").value();
    Set<Level> set = loadValue(LevelSetValue.class, "info").value();
    Map<String, Integer> map = loadValue(IntMapValue.class, "a=1").value();
    assertThat(catchThrowable(() -> list.add(3))).isInstanceOf(UnsupportedOperationException.class);
    assertThat(catchThrowable(() -> set.add(Level.WARN))).isInstanceOf(UnsupportedOperationException.class);
    assertThat(catchThrowable(() -> map.put("b", 2))).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aBadItemIsNamedInTheProblem() {
    String message = problemOf(IntListValue.class, "1,x,3").message();
    assertThat(message).startsWith("'1,x,3' ").contains("item 2").contains("is not an integer");
    assertThat(problemOf(LevelSetValue.class, "info,loud").message()).contains("item 2").contains("debug, info, warn");
  }

  @Test
  void mapsArePairsOfKeyAndValue() {
    assertThat(loadValue(IntMapValue.class, "a=1, b = 2").value()).containsExactly(entry("a", 1), entry("b", 2));
    assertThat(loadValue(StringMapValue.class, "url=http://h/?x=y,list=1\\,2").value())
        .containsExactly(entry("url", "http://h/?x=y"), entry("list", "1,2"));
    assertThat(loadValue(DurationMapValue.class, "connect=5s,read=PT30S").value())
        .containsExactly(entry("connect", Duration.ofSeconds(5)), entry("read", Duration.ofSeconds(30)));
    assertThat(problemOf(IntMapValue.class, "a=1,b").message()).contains("entry 2").contains("key=value");
    assertThat(problemOf(IntMapValue.class, "a=x").message()).contains("entry 1").contains("is not an integer");
  }

  @Test
  void optionalsAreEmptyWhenUnsetAndHoldTheValueWhenSet() {
    Optionals unset = load(Optionals.class, Map.of());
    assertThat(unset.count()).isEmpty();
    assertThat(unset.port()).isEmpty();
    assertThat(unset.size()).isEmpty();
    assertThat(unset.ratio()).isEmpty();
    assertThat(unset.token()).isEmpty();

    Optionals set = load(Optionals.class, Map.of("COUNT", "3", "PORT", "8080", "SIZE", "5000000000", "RATIO", "0.75",
        "TOKEN", CANARY));
    assertThat(set.count()).contains(3);
    assertThat(set.port()).hasValue(8080);
    assertThat(set.size()).hasValue(5_000_000_000L);
    assertThat(set.ratio()).hasValue(0.75);
    assertThat(set.token().orElseThrow().reveal()).isEqualTo(CANARY);
    assertThat(set.toString()).doesNotContain(CANARY);
  }

  @Test
  void anInvalidOptionalIsAProblemNotAnEmptyValue() {
    EnvException e = failure(Optionals.class, Map.of("COUNT", "many", "PORT", "http"));
    assertThat(e.problems()).containsExactly(
        new Problem("COUNT", Problem.Kind.INVALID, "'many' is not an integer", "builder values"),
        new Problem("PORT", Problem.Kind.INVALID, "'http' is not an integer", "builder values"));
  }

  @Test
  void secretsRevealTheirConvertedValueAndPrintAsMask() {
    Resolution<Secrets> resolution = Env.builder().hermetic()
        .values(Map.of("PASSWORD", CANARY, "PIN", "4711", "API_KEY", CANARY)).resolve(Secrets.class);
    Secrets secrets = resolution.value();
    assertThat(secrets.password().reveal()).isEqualTo(CANARY);
    assertThat(secrets.pin().reveal()).isEqualTo(4711);
    assertThat(secrets.apiKey().orElseThrow().reveal()).isEqualTo(CANARY);
    assertThat(secrets.password()).hasToString("****");
    assertThat(secrets.toString()).doesNotContain(CANARY).doesNotContain("4711");
    assertThat(resolution.toString()).doesNotContain(CANARY).doesNotContain("4711");
    assertThat(resolution.report().toString()).doesNotContain(CANARY).doesNotContain("4711");
    assertThat(load(Secrets.class, Map.of("PASSWORD", "x", "PIN", "1")).apiKey()).isEmpty();
  }

  @Test
  void aSecretThatFailsToConvertIsReportedWithoutItsValue() {
    EnvException e = failure(Secrets.class, Map.of("PASSWORD", "fine", "PIN", CANARY));
    assertThat(e.problems())
        .containsExactly(new Problem("PIN", Problem.Kind.INVALID, "the secret value is not an integer", "builder values"));
    assertNoCanary(e);
  }

  @Test
  void noSecretTypeEchoesItsValueWhenConversionFails() {
    String bad = CANARY + " ^";
    Map<String, String> values = Map.ofEntries(entry("PIN", bad), entry("SERIAL", bad), entry("FLAG", bad),
        entry("TTL", bad), entry("LEVEL", bad), entry("URI", bad), entry("HOST", bad), entry("KEY", bad),
        entry("PINS", "1," + bad), entry("LIMITS", "a=" + bad), entry("SPARE", bad), entry("TICKET", bad));
    EnvException e = catchEnv(() -> Env.builder().hermetic().values(values).load(BadSecrets.class));
    assertThat(e.problems()).hasSize(12).allSatisfy(problem -> {
      assertThat(problem.kind()).isEqualTo(Problem.Kind.INVALID);
      assertThat(problem.message()).startsWith("the secret value ");
    });
    assertThat(e.problems().get(0).message()).isEqualTo("the secret value is not an integer");
    assertThat(e.problems().get(11).message()).isEqualTo("the secret value is not a valid Ticket");
    assertNoCanary(e);
  }

  @Test
  void nestedRecordsAreConverted() {
    Service service = load(Service.class, Map.of("NAME", "api", "DATABASE_URL", "postgres://db/app", "DATABASE_POOL_MAX", "20"));
    assertThat(service).isEqualTo(new Service("api", new Database("postgres://db/app", 2, 20)));
  }

  @Test
  void aProfileComponentReceivesTheActiveProfile() {
    assertThat(Env.builder().hermetic().profile("prod").load(WithProfile.class).profile()).isEqualTo(Profile.PRODUCTION);
    assertThat(load(WithProfile.class, Map.of("APP_ENV", "staging")).profile()).isEqualTo(Profile.STAGING);
    assertThat(load(WithProfile.class, Map.of()).profile()).isEqualTo(Profile.DEVELOPMENT);
  }

  @Test
  void aRegisteredConverterConvertsACustomType() {
    Upstream upstream = Env.builder().hermetic().converter(HostPort.class, ConversionTest::hostPort)
        .values(Map.of("UPSTREAM", "api.internal:8443", "BACKUP", "10.0.0.2:9000")).load(Upstream.class);
    assertThat(upstream.upstream()).isEqualTo(new HostPort("api.internal", 8443));
    assertThat(upstream.backup().reveal()).isEqualTo(new HostPort("10.0.0.2", 9000));
    assertThat(upstream.toString()).doesNotContain("10.0.0.2");
  }

  @Test
  void aConvertersMessageFollowsTheValueButIsWithheldForASecret() {
    // A converter's message may quote part of its input ("password 'hunter2' is too short").
    EnvException e = catchEnv(() -> Env.builder().hermetic().converter(HostPort.class, ConversionTest::hostPort)
        .values(Map.of("UPSTREAM", "nohost", "BACKUP", CANARY)).load(Upstream.class));
    assertThat(e.problems()).containsExactly(
        new Problem("UPSTREAM", Problem.Kind.INVALID, "'nohost' is not host:port", "builder values"),
        new Problem("BACKUP", Problem.Kind.INVALID, "the secret value is not a valid HostPort", "builder values"));
    assertNoCanary(e);
  }

  record Credential(String user, String password) {}

  record WithCredential(Secret<Credential> credential) {}

  @Test
  void aConverterQuotingAFragmentOfASecretLeaksNothing() {
    EnvException e = catchEnv(() -> Env.builder().hermetic()
        .converter(Credential.class, text -> {
          String[] parts = text.split(":", 2);
          throw new IllegalArgumentException("password '" + parts[1] + "' is too short");
        })
        .value("CREDENTIAL", "admin:hunter2-canary").load(WithCredential.class));

    assertThat(e.problems()).containsExactly(
        new Problem("CREDENTIAL", Problem.Kind.INVALID, "the secret value is not a valid Credential", "builder values"));
    assertThat(e.getMessage()).doesNotContain("hunter2");
  }

  @Test
  void aConverterReturningNullIsAProblemNotANullComponent() {
    Throwable thrown = catchThrowable(() -> Env.builder().hermetic().converter(HostPort.class, text -> null)
        .values(Map.of("UPSTREAM", "a:1", "BACKUP", CANARY)).load(Upstream.class));
    assertThat(thrown).isInstanceOf(EnvException.class);
    EnvException e = (EnvException) thrown;
    assertThat(e.problems()).extracting(Problem::variable, Problem::kind).containsExactly(
        org.assertj.core.groups.Tuple.tuple("UPSTREAM", Problem.Kind.INVALID),
        org.assertj.core.groups.Tuple.tuple("BACKUP", Problem.Kind.INVALID));
    assertNoCanary(e);
  }

  @Test
  void aRegisteredConverterTakesPrecedenceOverTheBuiltInOne() {
    DurationValue value = Env.builder().hermetic().converter(Duration.class, text -> Duration.ofSeconds(text.length()))
        .values(Map.of("VALUE", "abc")).load(DurationValue.class);
    assertThat(value.value()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void aConverterThrowingAnotherRuntimeExceptionIsStillAProblem() {
    // LocalDate::parse throws DateTimeParseException, not IllegalArgumentException.
    Throwable thrown = catchThrowable(() -> Env.builder().hermetic().converter(LocalDate.class, LocalDate::parse)
        .values(Map.of("RELEASED_ON", "yesterday", "EMBARGO", "2030-01-01")).load(Dates.class));
    assertThat(thrown).isInstanceOf(EnvException.class);
    EnvException e = (EnvException) thrown;
    assertThat(e.problems()).extracting(Problem::variable, Problem::kind)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("RELEASED_ON", Problem.Kind.INVALID));
    assertThat(e.problems().get(0).message()).startsWith("'yesterday' ");
    assertThat(e.getMessage()).doesNotContain("2030-01-01");
  }

  @Test
  void aConverterThrowingAnotherRuntimeExceptionForASecretDoesNotLeakIt() {
    // DateTimeParseException's message quotes the text: here, the secret.
    Throwable thrown = catchThrowable(() -> Env.builder().hermetic().converter(LocalDate.class, LocalDate::parse)
        .values(Map.of("RELEASED_ON", "2030-01-01", "EMBARGO", CANARY)).load(Dates.class));
    assertThat(String.valueOf(thrown)).doesNotContain(CANARY);
    assertThat(thrown).isInstanceOf(EnvException.class);
    EnvException e = (EnvException) thrown;
    assertThat(e.problems()).extracting(Problem::variable, Problem::kind)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("EMBARGO", Problem.Kind.INVALID));
    assertThat(e.problems().get(0).message()).startsWith("the secret value ");
    assertNoCanary(e);
  }

  @Test
  void typesWithAStaticFactoryAreConvertedImplicitly() {
    Tickets tickets = load(Tickets.class, Map.of("TICKET", "T-123", "CODE", "#7"));
    assertThat(tickets.ticket().code()).isEqualTo("123");
    assertThat(tickets.code().number()).isEqualTo(7);
  }

  @Test
  void anImplicitlyConvertedTypesOwnMessageIsNotRepeated() {
    EnvException e = failure(Tickets.class, Map.of("TICKET", "X-9", "CODE", "seven"));
    assertThat(e.problems()).containsExactly(
        new Problem("TICKET", Problem.Kind.INVALID, "'X-9' is not a valid Ticket", "builder values"),
        new Problem("CODE", Problem.Kind.INVALID, "'seven' is not a valid Code", "builder values"));
  }

  @Test
  void anInvalidDefaultIsReportedWithDefaultAsItsOrigin() {
    EnvException e = failure(BadDefault.class, Map.of());
    assertThat(e.problems()).containsExactly(new Problem("WORKERS", Problem.Kind.INVALID, "'ten' is not an integer", "default"));
  }

  @Test
  void aLongValueIsShortenedInTheMessage() {
    String text = "x".repeat(60);
    assertThat(problemOf(IntValue.class, text).message()).isEqualTo("'" + "x".repeat(40) + "…' is not an integer");
  }

  @Test
  void aMultiLineValueIsShownOnOneLine() {
    assertThat(problemOf(IntValue.class, "1\n2").message()).isEqualTo("'1\\n2' is not an integer");
  }

  @Test
  void everyBadValueIsReportedInOnePass() {
    EnvException e = failure(Numbers.class, Map.of("AN_INT", "one", "A_BYTE", "300"));
    assertThat(e.problems()).extracting(Problem::variable).containsSubsequence("AN_INT", "A_BYTE");
    assertThat(e.problems()).filteredOn(p -> p.kind() == Problem.Kind.INVALID).extracting(Problem::variable)
        .containsExactly("AN_INT", "A_BYTE");
    assertThat(e.problems()).filteredOn(p -> p.kind() == Problem.Kind.MISSING).hasSize(14);
    assertThat(e.getMessage()).contains("AN_INT").contains("'one' is not an integer").contains("(builder values)");
  }

  private static HostPort hostPort(String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("is not host:port");
    }
    try {
      return new HostPort(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("is not host:port");
    }
  }

  private static EnvException catchEnv(org.assertj.core.api.ThrowableAssert.ThrowingCallable load) {
    Throwable thrown = catchThrowable(load);
    assertThat(thrown).isInstanceOf(EnvException.class);
    return (EnvException) thrown;
  }

  private static void assertNoCanary(EnvException e) {
    assertThat(e.getMessage()).doesNotContain(CANARY);
    assertThat(e.toString()).doesNotContain(CANARY);
    assertThat(e.problems().toString()).doesNotContain(CANARY);
    for (Problem problem : e.problems()) {
      assertThat(problem.message() + problem.origin() + problem.hint()).doesNotContain(CANARY);
    }
  }

  @Test
  void rejectsJavaLiteralSuffixesAndHexFloatsForNumbers() {
    // "15d" meant as fifteen days must not load as 15.0.
    assertThat(problemOf(DoubleValue.class, "15d").message()).isEqualTo("'15d' is not a number");
    assertThat(problemOf(DoubleValue.class, "10f").message()).isEqualTo("'10f' is not a number");
    assertThat(problemOf(DoubleValue.class, "0x1p3").message()).isEqualTo("'0x1p3' is not a number");
    assertThat(loadValue(DoubleValue.class, "-1.5e3").value()).isEqualTo(-1500.0);
    assertThat(loadValue(DoubleValue.class, ".5").value()).isEqualTo(0.5);
  }

  @Test
  void rejectsARepeatedMapKeyInsteadOfKeepingTheLast() {
    assertThat(problemOf(IntMapValue.class, "a=1,b=2,a=3").message()).isEqualTo("'a=1,b=2,a=3' entry 3 repeats an earlier key");
  }
}
