package dev.envelope.gcp;

import com.google.cloud.secretmanager.v1.AccessSecretVersionRequest;
import com.google.cloud.secretmanager.v1.SecretManagerServiceSettings;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A loopback gRPC server for {@code AccessSecretVersion} that misbehaves on purpose, the gRPC
 * counterpart of {@code envelope-junit}'s HTTP fault server: each call takes the next scripted {@link
 * Step} (answer with raw message bytes, never answer, send headers and stall, fail with a status and
 * its details, fail slowly, drop the connection mid-call). Answers are raw bytes, so that a step can
 * send what is not a valid message.
 */
final class GrpcFaultServer implements AutoCloseable {
  /** What the server does with one call. */
  enum Kind { ANSWER, NEVER_ANSWER, HEADERS_THEN_STALL, FAIL, FAIL_SLOWLY, DROP_CONNECTION }

  /** One scripted call: {@code message} for ANSWER, {@code failure} for FAIL and FAIL_SLOWLY. */
  record Step(Kind kind, byte[] message, StatusRuntimeException failure) {
    static Step answer(byte[] message) {
      return new Step(Kind.ANSWER, message, null);
    }

    static Step fail(StatusRuntimeException failure) {
      return new Step(Kind.FAIL, null, failure);
    }

    static Step failSlowly(StatusRuntimeException failure) {
      return new Step(Kind.FAIL_SLOWLY, null, failure);
    }

    static Step of(Kind kind) {
      return new Step(kind, null, null);
    }
  }

  private static final MethodDescriptor.Marshaller<byte[]> RAW = new MethodDescriptor.Marshaller<>() {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  };

  // Declared server-streaming, which is the same on the wire to the unary client: grpc-java sends a
  // unary call's headers only with its message, and the stall case needs them sent alone.
  private static final MethodDescriptor<AccessSecretVersionRequest, byte[]> ACCESS =
      MethodDescriptor.<AccessSecretVersionRequest, byte[]>newBuilder()
          .setType(MethodDescriptor.MethodType.SERVER_STREAMING)
          .setFullMethodName(FakeSecretManager.ACCESS.getFullMethodName())
          .setRequestMarshaller(ProtoUtils.marshaller(AccessSecretVersionRequest.getDefaultInstance()))
          .setResponseMarshaller(RAW)
          .build();

  private final BlockingQueue<Step> script = new LinkedBlockingQueue<>();
  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
  private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(task -> {
    Thread thread = new Thread(task, "grpc-fault-server-later");
    thread.setDaemon(true);
    return thread;
  });
  private final Server server;

  GrpcFaultServer() {
    ServerCallHandler<AccessSecretVersionRequest, byte[]> handler = (call, headers) -> {
      call.request(1);
      return new ServerCall.Listener<>() {
        @Override
        public void onMessage(AccessSecretVersionRequest request) {
          requests.add(request.getName());
          Step step = script.poll();
          play(step == null ? Step.fail(Status.UNAVAILABLE.withDescription("no answer scripted").asRuntimeException()) : step, call);
        }
      };
    };
    try {
      server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
          .addService(ServerServiceDefinition.builder(FakeSecretManager.SERVICE).addMethod(ACCESS, handler).build())
          .build()
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void play(Step step, ServerCall<AccessSecretVersionRequest, byte[]> call) {
    switch (step.kind()) {
      case ANSWER -> {
        call.sendHeaders(new Metadata());
        call.sendMessage(step.message());
        call.close(Status.OK, new Metadata());
      }
      case NEVER_ANSWER -> { }
      case HEADERS_THEN_STALL -> {
        call.sendHeaders(new Metadata());
      }
      case FAIL -> close(call, step.failure());
      case FAIL_SLOWLY -> later.schedule(() -> close(call, step.failure()), 500, TimeUnit.MILLISECONDS);
      case DROP_CONNECTION -> {
        call.sendHeaders(new Metadata());
        later.execute(server::shutdownNow);
      }
    }
  }

  private static void close(ServerCall<?, ?> call, StatusRuntimeException failure) {
    Metadata trailers = failure.getTrailers();
    call.close(failure.getStatus(), trailers == null ? new Metadata() : trailers);
  }

  /** Returns client settings for this server: plaintext gRPC, no credentials. */
  SecretManagerServiceSettings clientSettings() {
    return FakeSecretManager.plaintextSettings(endpoint());
  }

  String endpoint() {
    return "127.0.0.1:" + server.getPort();
  }

  /** Queues steps, taken one per call in order; a call with none left fails UNAVAILABLE. */
  void script(Step... steps) {
    Collections.addAll(script, steps);
  }

  /** Returns the resource names of the calls received, in order. */
  List<String> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  @Override
  public void close() throws InterruptedException {
    later.shutdownNow();
    server.shutdownNow();
    server.awaitTermination(30, TimeUnit.SECONDS);
  }
}
