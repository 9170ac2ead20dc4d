package dev.envelope.gcp;

import com.google.cloud.secretmanager.v1.AccessSecretVersionResponse;
import com.google.cloud.secretmanager.v1.SecretPayload;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Checks a payload as it arrives: its CRC32C checksum ({@code data_crc32c}) against its bytes, and
 * that it is UTF-8 text, since variables are text. Neither problem quotes the payload.
 */
final class Payloads {
  private Payloads() {}

  /** Returns the payload of {@code response} as text, or the problem with it. */
  static Outcome verify(AccessSecretVersionResponse response) {
    SecretPayload payload = response.getPayload();
    byte[] data = payload.getData().toByteArray();
    String version = version(response.getName());
    if (payload.hasDataCrc32C()) {
      CRC32C crc = new CRC32C();
      crc.update(data);
      if (crc.getValue() != payload.getDataCrc32C()) {
        return new Outcome.Failed("version " + version + ": the payload does not match its CRC32C checksum"
            + " (data_crc32c), so it was corrupted on the way; the value is not used");
      }
    }
    try {
      String text =
          StandardCharsets.UTF_8.newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(data))
              .toString();
      return new Outcome.Accessed(version, text);
    } catch (CharacterCodingException e) {
      return new Outcome.Failed("version " + version + ": the payload is not UTF-8 text, and variables are text;"
          + " store it as text (base64 for binary data)");
    }
  }

  /** Returns the version number at the end of {@code projects/P/secrets/S/versions/N}. */
  static String version(String name) {
    int slash = name.lastIndexOf('/');
    return slash < 0 || slash == name.length() - 1 ? "unknown" : name.substring(slash + 1);
  }
}
