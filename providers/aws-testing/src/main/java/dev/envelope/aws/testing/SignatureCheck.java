package dev.envelope.aws.testing;

import com.sun.net.httpserver.HttpExchange;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Verifies the SigV4 signature of a request the stand-in received, as AWS does: it rebuilds the
 * request from the method, path, signed headers and body, signs it again with the known test
 * credentials at the time the request states, and compares the {@code Authorization} headers.
 */
public final class SignatureCheck {
  /** The access key id the stand-in knows. */
  public static final String ACCESS_KEY_ID = "AKIDENVELOPETEST0001";
  /** The secret access key the stand-in knows; it must never be printed. */
  public static final String SECRET_ACCESS_KEY = "envelope-test-secret-key-5b9e-never-print";
  /** The region requests must be signed for. */
  public static final String REGION = "eu-west-1";

  private static final Pattern AUTHORIZATION =
      Pattern.compile(
          "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request,"
              + " SignedHeaders=([^,]+), Signature=([0-9a-f]{64})");
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssX").withZone(ZoneOffset.UTC);

  private SignatureCheck() {}

  /** A rejected request: the error code and message AWS answers with. */
  public record Rejection(String code, String message) {}

  /** Returns why the request is rejected, or {@code null} if its signature is valid. */
  public static Rejection verify(HttpExchange exchange, byte[] body, String service) {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (authorization == null) {
      return new Rejection("MissingAuthenticationTokenException", "Missing Authentication Token");
    }
    Matcher parts = AUTHORIZATION.matcher(authorization);
    if (!parts.matches()) {
      return new Rejection("IncompleteSignatureException", "Authorization header is malformed.");
    }
    if (!parts.group(1).equals(ACCESS_KEY_ID)) {
      return new Rejection("UnrecognizedClientException", "The security token included in the request is invalid.");
    }
    if (!parts.group(3).equals(REGION) || !parts.group(4).equals(service)) {
      return new Rejection(
          "InvalidSignatureException", "Credential should be scoped to a valid region and service.");
    }
    String amzDate = exchange.getRequestHeaders().getFirst("X-Amz-Date");
    if (amzDate == null) {
      return new Rejection("IncompleteSignatureException", "Missing X-Amz-Date.");
    }
    Instant signedAt = AMZ_DATE.parse(amzDate, Instant::from);

    SdkHttpFullRequest.Builder rebuilt =
        SdkHttpFullRequest.builder()
            .method(SdkHttpMethod.fromValue(exchange.getRequestMethod()))
            .protocol("http")
            .host(exchange.getLocalAddress().getHostString())
            .port(exchange.getLocalAddress().getPort())
            .encodedPath(exchange.getRequestURI().getRawPath());
    for (String header : parts.group(5).split(";")) {
      List<String> values = exchange.getRequestHeaders().get(header);
      if (values != null) {
        rebuilt.putHeader(header, values);
      }
    }
    String expected =
        AwsV4HttpSigner.create()
            .sign(
                r -> r.identity(AwsCredentialsIdentity.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY))
                    .request(rebuilt.build())
                    .payload(ContentStreamProvider.fromByteArray(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, REGION)
                    .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)))
            .request()
            .firstMatchingHeader("Authorization")
            .orElse("");
    if (!expected.equals(authorization)) {
      return new Rejection(
          "InvalidSignatureException",
          "The request signature we calculated does not match the signature you provided. Check your"
              + " AWS Secret Access Key and signing method. Consult the service documentation for details.");
    }
    return null;
  }
}
