package dev.envelope.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Email;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ASCII email check gives Hibernate Validator's verdict on every address it decides, on awkward
 * addresses written by hand and on a generated corpus built from the characters and lengths the two
 * regular expressions and {@code IDN.toASCII} treat specially.
 */
class AsciiEmailTest {
  private static final Validator HIBERNATE = Validation.byDefaultProvider().configure()
      .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();

  record Address(@Email String value) {}

  /** Hibernate Validator's verdict, through its public API. */
  private static boolean hibernate(String text) {
    return HIBERNATE.validateValue(Address.class, "value", text).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "", "ops@example.com", "OPS@EXAMPLE.COM", "a.b+c@sub.example.org", "not-an-email", "x@y", "@example.com", "user@",
    "\"q\"@example.com", "\"\"@example.com", "\"a b\"@example.com", "\"a\\\"b\"@example.com", "\"a\\\\b\"@example.com",
    "\"a\\b\"@example.com", "\"a\\\"@example.com", "\"a@b\"@example.com", "\"a\"b@example.com", "a.\"b\".c@example.com",
    "a..b@example.com", ".a@example.com", "a.@example.com", "a@b@example.com", "a@example.com.", "a@.example.com",
    "a@example..com", "a@-example.com", "a@example-.com", "a@ex--ample.com", "a@ex_ample.com", "a@ex!ample.com",
    "a@example.c", "a@1.2.3.4", "a@localhost", "a@xn--bcher-kva.example", "a@exa mple.com", "a b@example.com",
    "a\tb@example.com", "a@example.com\n", "a\n@example.com", "\"a\tb\"@example.com", "\"(),:;<>[]\"@example.com",
    "!#$%&'*+/=?^_`{|}~-@example.com", "a@!#$%&'*+/=?^_`{|}~.com", "a@a.-", "a@a.b-c", "-@example.com", "a@-",
    "a(b)@example.com", "a[b]@example.com", "a,b@example.com", "a:b@example.com", "a;b@example.com", "a<b>@example.com",
    "a@ex(ample).com", "a@ex\"ample.com", "a@ex\\ample.com", "\\@example.com", "\"\\\\\"@example.com", "\"\\\"\"@example.com"
  })
  void decidesAwkwardAddressesAsHibernateValidatorDoes(String text) {
    assertThat(AsciiEmail.verdict(text)).as(text).isEqualTo(hibernate(text));
  }

  @Test
  void decidesLengthLimitsAsHibernateValidatorDoes() {
    List<String> texts = new ArrayList<>();
    for (int length : new int[] {62, 63, 64, 65}) {
      texts.add("a".repeat(length) + "@example.com");
      texts.add("\"" + "a".repeat(length - 2) + "\"@example.com");
      texts.add("a@" + "b".repeat(length) + ".com");
      texts.add("a@example." + "c".repeat(length));
    }
    for (int length : new int[] {253, 254, 255, 256, 257}) {
      StringBuilder domain = new StringBuilder();
      while (domain.length() < length) {
        domain.append(domain.length() == 0 ? "" : ".").append("d".repeat(Math.min(60, length - domain.length() - 1) + 1));
      }
      texts.add("a@" + domain.substring(0, length).replaceAll("\\.$", "e"));
    }
    for (String text : texts) {
      assertThat(AsciiEmail.verdict(text)).as(text).isEqualTo(hibernate(text));
    }
  }

  @Test
  void decidesAGeneratedCorpusAsHibernateValidatorDoes() {
    String alphabet = "aZ09.-@\"\\ ()[]<>,;:!#~\t";
    Random random = new Random(15);
    int decided = 0;
    for (int n = 0; n < 100_000; n++) {
      StringBuilder text = new StringBuilder();
      int length = 1 + random.nextInt(14);
      for (int i = 0; i < length; i++) {
        text.append(random.nextInt(3) == 0 ? alphabet.charAt(random.nextInt(alphabet.length())) : 'a');
      }
      if (random.nextBoolean()) {
        text.insert(random.nextInt(text.length() + 1), '@');
      }
      String address = text.toString();
      Boolean verdict = AsciiEmail.verdict(address);
      if (verdict != null) {
        decided++;
        assertThat(verdict).as(address).isEqualTo(hibernate(address));
      }
    }
    assertThat(decided).as("addresses the ASCII check decided").isGreaterThan(60_000);
  }

  @ParameterizedTest
  @ValueSource(strings = {"user@[127.0.0.1]", "user@[IPv6:::1]", "us\u00e9r@example.com", "user@b\u00fccher.example",
      "user@example\u3002com", "\u0430@example.com"})
  void leavesNonAsciiAndIpLiteralsToHibernateValidator(String text) {
    assertThat(AsciiEmail.verdict(text)).as(text).isNull();
    assertThat(TextFormats.isEmail(text)).as(text).isEqualTo(hibernate(text));
  }
}
