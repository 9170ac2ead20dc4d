package dev.envelope.spi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Collects a JDK {@code HttpClient} response body of at most {@code max} bytes, and fails as soon as
 * a body (declared or received) grows past it, cancelling the rest instead of reading it into memory:
 * for providers that read a secret store over {@code java.net.http} and cap what they read.
 */
public final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
  /** Thrown, inside the response future, for a body longer than the cap. */
  public static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    /** Creates the failure of a body longer than {@code max} bytes. */
    public TooLarge(long max) {
      super("body larger than " + max + " bytes");
    }
  }

  private final long max;
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private Flow.Subscription subscription;

  private CappedBody(long max) {
    this.max = max;
  }

  /**
   * Returns a handler whose bodies are capped at {@code max} bytes; {@code exceeded} is set when a
   * body is refused, however the JDK then reports the cancelled exchange.
   */
  public static HttpResponse.BodyHandler<byte[]> handler(long max, AtomicBoolean exceeded) {
    return info -> {
      CappedBody body = new CappedBody(max);
      body.result.whenComplete((bytes, failure) -> {
        if (failure instanceof TooLarge) {
          exceeded.set(true);
        }
      });
      if (info.headers().firstValueAsLong("Content-Length").orElse(-1) > max) {
        body.result.completeExceptionally(new TooLarge(max));
      }
      return body;
    };
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    if (result.isDone()) {
      subscription.cancel();
    } else {
      subscription.request(Long.MAX_VALUE);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    for (ByteBuffer item : items) {
      if (bytes.size() + (long) item.remaining() > max) {
        // Failed before cancelling, so that the cancellation's own error cannot win the race.
        result.completeExceptionally(new TooLarge(max));
        subscription.cancel();
        return;
      }
      byte[] chunk = new byte[item.remaining()];
      item.get(chunk);
      bytes.write(chunk, 0, chunk.length);
    }
  }

  @Override
  public void onError(Throwable failure) {
    result.completeExceptionally(failure);
  }

  @Override
  public void onComplete() {
    result.complete(bytes.toByteArray());
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }
}
