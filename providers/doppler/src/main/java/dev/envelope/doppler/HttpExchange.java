package dev.envelope.doppler;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Response;

/**
 * Runs one OkHttp call to its end, body included, within a time limit, on OkHttp's dispatcher
 * rather than the caller's thread: a thread blocked in a socket read ignores interrupts, so the
 * caller waits on a future instead and cancels the call when it is interrupted (the load gave up)
 * or the limit passes. Bodies are read up to a cap.
 */
final class HttpExchange {
  private HttpExchange() {}

  /**
   * One finished exchange.
   *
   * @param body the body, at most the cap; for an answer other than 200, its first bytes only
   * @param tooLarge whether a 200 body was larger than the cap (then {@code body} is empty)
   */
  record Answer(int code, String etag, String retryAfter, String location, byte[] body, boolean tooLarge) {
    @Override
    public String toString() {
      return "Answer[" + code + ", " + body.length + " bytes]";
    }
  }

  /** Thrown when the call did not end within its limit; the call is cancelled. */
  static final class TimedOut extends InterruptedIOException {
    private static final long serialVersionUID = 1L;

    TimedOut(Duration limit) {
      super("no complete answer within " + limit.toMillis() + " ms");
    }
  }

  /**
   * Returns the answer to {@code call}, reading a 200 body of at most {@code maxBody} bytes and the
   * first {@code maxErrorBody} bytes of any other.
   *
   * @throws IOException if the call failed, or {@link TimedOut} if it outlasted {@code limit}
   * @throws InterruptedException if the caller was interrupted; the call is cancelled first
   */
  static Answer run(Call call, Duration limit, int maxBody, int maxErrorBody) throws IOException, InterruptedException {
    call.timeout().timeout(limit.toNanos(), TimeUnit.NANOSECONDS);
    CompletableFuture<Answer> answer = new CompletableFuture<>();
    call.enqueue(new Callback() {
      @Override
      public void onFailure(Call failed, IOException e) {
        answer.completeExceptionally(e);
      }

      @Override
      public void onResponse(Call done, Response response) {
        try (response) {
          answer.complete(read(response, maxBody, maxErrorBody));
        } catch (IOException | RuntimeException e) {
          answer.completeExceptionally(e);
        }
      }
    });
    try {
      return answer.get(limit.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      call.cancel();
      throw new TimedOut(limit);
    } catch (InterruptedException e) {
      call.cancel();
      throw e;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException(e.getCause());
    }
  }

  private static Answer read(Response response, int maxBody, int maxErrorBody) throws IOException {
    int code = response.code();
    int cap = code == 200 ? maxBody : maxErrorBody;
    byte[] body;
    boolean tooLarge = false;
    if (code == 200 && response.body().contentLength() > maxBody) {
      body = new byte[0];
      tooLarge = true;
    } else {
      body = readAtMost(response.body().byteStream(), cap + 1);
      if (body.length > cap) {
        tooLarge = code == 200;
        body = code == 200 ? new byte[0] : Arrays.copyOf(body, cap);
      }
    }
    return new Answer(code, response.header("ETag"), response.header("Retry-After"), response.header("Location"), body, tooLarge);
  }

  private static byte[] readAtMost(InputStream in, int max) throws IOException {
    return in.readNBytes(max);
  }
}
