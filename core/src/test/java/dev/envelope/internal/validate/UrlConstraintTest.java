package dev.envelope.internal.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envelope.internal.schema.AnnotationData;
import dev.envelope.internal.startup.ClassBytes;
import dev.envelope.internal.startup.RecordAnnotations;
import java.util.List;
import org.hibernate.validator.constraints.URL;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Built-in {@code @URL} reads http, https and ftp URLs without asking the JDK for their handlers
 * where no handler provider is on the class path: it must judge every URL as {@code java.net.URL}
 * with the JDK's handlers does. (BuiltinConstraintsTest holds both to Hibernate Validator.)
 */
class UrlConstraintTest {
  record Site(
      @URL String any,
      @URL(protocol = "https", host = "example.com", port = 443) String secure,
      @URL(protocol = "ftp") String files,
      @URL(host = "[::1]") String local) {}

  @ParameterizedTest
  @ValueSource(strings = {
    "http://example.com", "https://example.com:443/a?b=c#d", "HTTPS://EXAMPLE.COM:443/", "ftp://files.example.com/x",
    "http://user:secret@example.com:8080/", "http://[::1]:8080/", "http://[::1]/", "http://[fe80::1%25eth0]/",
    "http://127.0.0.1/", "http://exa_mple.com/", "http://example.com:99999999999/", "http://example.com:-1/",
    "http://example.com:/", "http:/relative", "http:opaque", "http://", "https://example.com:0443/a",
    "http://exa mple.com", "http://example.com/%zz", "http://example.com/\u00e9", "ftp://:21/", "https:///path",
    "foo://example.com", "mailto:someone@example.com", "file:///tmp/x", "jar:file:/x.jar!/a", "not a url", "//example.com",
    "http://a@b@c/", "http://user@example.com/", "http://exa\uFF0Fmple.com/", "http://ex\u00e4mple.com/",
    "http://example.com/caf\u00e9", "http://1.2.3.4:8080/", "http://example.com:8080?q", "https://EXAMPLE.com#top"
  })
  void readsEveryUrlAsTheJdkHandlersDo(String text) {
    try (ClassBytes files = new ClassBytes()) {
      RecordAnnotations annotations = RecordAnnotations.of(Site.class, files);
      for (java.lang.reflect.RecordComponent declared : Site.class.getRecordComponents()) {
        String component = declared.getName();
        AnnotationData constraint = annotations.field(component).get(0);
        assertThat(BuiltinConstraints.violation(constraint, text, true))
            .as(component + " " + text)
            .isEqualTo(BuiltinConstraints.violation(constraint, text, false));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://example.com/", "ftp://files.example.com/", "HTTP://Example.com"})
  void acceptsUrls(String text) {
    assertThat(violations(text, "any")).containsOnlyNulls();
  }

  @ParameterizedTest
  @ValueSource(strings = {"foo://example.com", "http://exa mple.com", "not a url", "http://[::1"})
  void refusesWhatIsNotOne(String text) {
    assertThat(violations(text, "any")).doesNotContainNull();
  }

  private static List<String> violations(String text, String component) {
    try (ClassBytes files = new ClassBytes()) {
      AnnotationData constraint = RecordAnnotations.of(Site.class, files).field(component).get(0);
      return java.util.Arrays.asList(
          BuiltinConstraints.violation(constraint, text, true), BuiltinConstraints.violation(constraint, text, false));
    }
  }
}
