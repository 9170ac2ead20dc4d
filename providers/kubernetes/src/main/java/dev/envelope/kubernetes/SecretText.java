package dev.envelope.kubernetes;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.envelope.spi.ProviderException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

/** Turns a secret's exact bytes into the string value of a variable. */
final class SecretText {
  private SecretText() {}

  /**
   * Returns {@code bytes} decoded as UTF-8, with one trailing newline ({@code \n} or {@code \r\n})
   * removed if {@code trimNewline}. Nothing else is changed: inner newlines, spaces and a second
   * trailing newline are part of the value. An empty secret (legal in Kubernetes) is the empty
   * string, which Envelope's empty-value rule then treats as unset for every type but {@code String}.
   *
   * @param where names the secret in messages, for example its file path; never its content
   * @throws ProviderException if the secret is not valid UTF-8
   */
  static String decode(byte[] bytes, boolean trimNewline, String where) throws ProviderException {
    int end = bytes.length;
    if (trimNewline && end > 0 && bytes[end - 1] == '\n') {
      end--;
      if (end > 0 && bytes[end - 1] == '\r') {
        end--;
      }
    }
    if (end == 0) {
      return "";
    }
    // A strict decoder: the lenient String constructor would silently replace invalid bytes with
    // U+FFFD and hand the application a corrupted secret.
    CharsetDecoder decoder =
        UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, 0, end);
    CharBuffer out = CharBuffer.allocate(end);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      throw new ProviderException(
          where + " is not UTF-8 text (invalid byte at offset " + in.position() + " of " + bytes.length
              + "); variables are strings, so store binary secrets base64-encoded and decode them in"
              + " the application");
    }
    decoder.flush(out);
    return out.flip().toString();
  }
}
