package dev.envelope.kubernetes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretJsonTest {
  @Test
  void readsDataAndResourceVersionOfASecretSkippingEverythingElse() throws Exception {
    String body = FakeApiServer.secret("prod", "app", "4711", Map.of("db-password", "p".getBytes(UTF_8)));

    SecretJson.ApiObject secret = SecretJson.parse(body.getBytes(UTF_8));

    assertThat(secret.kind()).isEqualTo("Secret");
    assertThat(secret.resourceVersion()).isEqualTo("4711");
    assertThat(secret.data()).containsExactly(Map.entry("db-password", "cA=="));
  }

  @Test
  void readsMessageAndReasonOfAStatus() throws Exception {
    SecretJson.ApiObject status =
        SecretJson.parse(FakeApiServer.status(404, "NotFound", "secrets \"app\" not found").getBytes(UTF_8));

    assertThat(status.kind()).isEqualTo("Status");
    assertThat(status.message()).isEqualTo("secrets \"app\" not found");
    assertThat(status.reason()).isEqualTo("NotFound");
    assertThat(status.data()).isEmpty();
  }

  @Test
  void secretWithoutDataHasNoEntries() throws Exception {
    SecretJson.ApiObject secret =
        SecretJson.parse("{\"kind\":\"Secret\",\"metadata\":{\"name\":\"x\"},\"type\":\"Opaque\"}".getBytes(UTF_8));

    assertThat(secret.data()).isEmpty();
  }

  @Test
  void bodyThatIsNotAnObjectIsRefused() {
    assertThatThrownBy(() -> SecretJson.parse("[1]".getBytes(UTF_8))).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> SecretJson.parse("<html>".getBytes(UTF_8))).isInstanceOf(IOException.class);
  }
}
