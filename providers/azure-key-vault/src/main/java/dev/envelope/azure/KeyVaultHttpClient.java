package dev.envelope.azure;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeader;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import dev.envelope.spi.CappedBody;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The SDK's HTTP client for Key Vault, over the JDK's own: each exchange, body included, ends within
 * one attempt's time-out (the SDK's JDK client stops timing once the headers arrived), a body larger
 * than {@link #MAX_BODY_BYTES} is refused as it arrives instead of read into memory, and a redirect
 * is never followed (it would carry the bearer token to another host).
 */
final class KeyVaultHttpClient implements HttpClient {
  /**
   * The most a response may hold: a secret's value is at most 25 KB, a page of the list 25 entries,
   * so that 1 MiB is far above any answer Key Vault gives.
   */
  static final int MAX_BODY_BYTES = 1 << 20;

  /** Headers the JDK client sets itself and refuses from callers. */
  private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

  private final java.net.http.HttpClient jdk;
  private final Duration attemptTimeout;

  KeyVaultHttpClient(java.net.http.HttpClient jdk, Duration attemptTimeout) {
    this.jdk = jdk;
    this.attemptTimeout = attemptTimeout;
  }

  /** Thrown, as the cause of an {@link UncheckedIOException}, for a body larger than the cap. */
  static final class BodyTooLarge extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BodyTooLarge() {
      super("body larger than " + MAX_BODY_BYTES + " bytes", null, false, false);
    }
  }

  @Override
  public Mono<HttpResponse> send(HttpRequest request) {
    return Mono.fromCallable(() -> sendSync(request, Context.NONE));
  }

  @Override
  public HttpResponse sendSync(HttpRequest request, Context context) {
    java.net.http.HttpRequest.Builder jdkRequest;
    try {
      BinaryData body = request.getBodyAsBinaryData();
      jdkRequest = java.net.http.HttpRequest.newBuilder(request.getUrl().toURI())
          .timeout(attemptTimeout)
          .method(request.getHttpMethod().name(), body == null
              ? java.net.http.HttpRequest.BodyPublishers.noBody()
              : java.net.http.HttpRequest.BodyPublishers.ofByteArray(body.toBytes()));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URI: " + e.getReason(), e);
    }
    for (HttpHeader header : request.getHeaders()) {
      if (!RESTRICTED.contains(header.getName().toLowerCase(Locale.ROOT))) {
        for (String value : header.getValuesList()) {
          jdkRequest.header(header.getName(), value);
        }
      }
    }
    AtomicBoolean tooLarge = new AtomicBoolean();
    CompletableFuture<java.net.http.HttpResponse<byte[]>> exchange =
        jdk.sendAsync(jdkRequest.build(), CappedBody.handler(MAX_BODY_BYTES, tooLarge));
    try {
      java.net.http.HttpResponse<byte[]> response = exchange.get(attemptTimeout.toNanos(), TimeUnit.NANOSECONDS);
      return new Buffered(request, response.statusCode(), headers(response.headers().map()), response.body());
    } catch (TimeoutException e) {
      exchange.cancel(true);
      throw new UncheckedIOException(new HttpTimeoutException("no complete answer within " + attemptTimeout.toMillis() + " ms"));
    } catch (InterruptedException e) {
      exchange.cancel(true);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      if (tooLarge.get()) {
        throw new BodyTooLarge();
      }
      Throwable cause = e.getCause();
      if (cause instanceof HttpTimeoutException && !(cause instanceof java.net.http.HttpConnectTimeoutException)) {
        // The request's own time-out (the same length) ran out first: the same failure, said the same way.
        throw new UncheckedIOException(new HttpTimeoutException("no complete answer within " + attemptTimeout.toMillis() + " ms"));
      }
      throw cause instanceof java.io.IOException io ? new UncheckedIOException(io) : new IllegalStateException(cause);
    }
  }

  private static HttpHeaders headers(Map<String, List<String>> jdkHeaders) {
    HttpHeaders headers = new HttpHeaders(jdkHeaders.size());
    jdkHeaders.forEach((name, values) -> {
      if (!name.startsWith(":")) {
        headers.set(name, values);
      }
    });
    return headers;
  }

  /** A response whose body was read whole. */
  private static final class Buffered extends HttpResponse {
    private final int status;
    private final HttpHeaders headers;
    private final byte[] body;

    Buffered(HttpRequest request, int status, HttpHeaders headers, byte[] body) {
      super(request);
      this.status = status;
      this.headers = headers;
      this.body = body;
    }

    @Override
    public int getStatusCode() {
      return status;
    }

    @Override
    @SuppressWarnings("deprecation")
    public String getHeaderValue(String name) {
      return headers.getValue(name);
    }

    @Override
    public HttpHeaders getHeaders() {
      return headers;
    }

    @Override
    public Flux<ByteBuffer> getBody() {
      return Flux.just(ByteBuffer.wrap(body));
    }

    @Override
    public BinaryData getBodyAsBinaryData() {
      return BinaryData.fromBytes(body);
    }

    @Override
    public Mono<byte[]> getBodyAsByteArray() {
      return Mono.just(body);
    }

    @Override
    public Mono<String> getBodyAsString() {
      return getBodyAsString(StandardCharsets.UTF_8);
    }

    @Override
    public Mono<String> getBodyAsString(Charset charset) {
      return Mono.just(new String(body, charset));
    }
  }
}
