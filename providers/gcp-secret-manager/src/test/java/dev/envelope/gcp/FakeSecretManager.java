package dev.envelope.gcp;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.InstantiatingGrpcChannelProvider;
import com.google.cloud.secretmanager.v1.AccessSecretVersionRequest;
import com.google.cloud.secretmanager.v1.AccessSecretVersionResponse;
import com.google.cloud.secretmanager.v1.GetSecretVersionRequest;
import com.google.cloud.secretmanager.v1.SecretVersion;
import com.google.cloud.secretmanager.v1.SecretManagerServiceSettings;
import com.google.cloud.secretmanager.v1.SecretPayload;
import com.google.protobuf.ByteString;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * A local Secret Manager: the real service's {@code AccessSecretVersion} and {@code
 * GetSecretVersion} methods over gRPC on a loopback port, built from the published messages since the generated server stubs are not
 * published. It keeps versions with their states and aliases, and answers as the service documents:
 * the resolved version's name with the project number, the payload with its CRC32C, and the
 * service's status codes and descriptions for missing secrets and versions, denied access, and
 * disabled or destroyed versions.
 */
final class FakeSecretManager implements AutoCloseable {
  static final String PROJECT = "my-project";
  static final String PROJECT_NUMBER = "123456789012";

  static final String SERVICE = "google.cloud.secretmanager.v1.SecretManagerService";
  static final MethodDescriptor<AccessSecretVersionRequest, AccessSecretVersionResponse> ACCESS =
      MethodDescriptor.<AccessSecretVersionRequest, AccessSecretVersionResponse>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "AccessSecretVersion"))
          .setRequestMarshaller(ProtoUtils.marshaller(AccessSecretVersionRequest.getDefaultInstance()))
          .setResponseMarshaller(ProtoUtils.marshaller(AccessSecretVersionResponse.getDefaultInstance()))
          .build();
  static final MethodDescriptor<GetSecretVersionRequest, SecretVersion> GET =
      MethodDescriptor.<GetSecretVersionRequest, SecretVersion>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "GetSecretVersion"))
          .setRequestMarshaller(ProtoUtils.marshaller(GetSecretVersionRequest.getDefaultInstance()))
          .setResponseMarshaller(ProtoUtils.marshaller(SecretVersion.getDefaultInstance()))
          .build();

  private static final Pattern NAME =
      Pattern.compile("projects/([^/]+)/secrets/([A-Za-z0-9_-]{1,255})/versions/([^/]+)");

  enum State { ENABLED, DISABLED, DESTROYED }

  private static final class Version {
    final byte[] data;
    State state = State.ENABLED;
    boolean corrupt;

    Version(byte[] data) {
      this.data = data;
    }
  }

  private final Map<String, List<Version>> secrets = new HashMap<>();
  private final Map<String, Map<String, Integer>> aliases = new HashMap<>();
  private final Set<String> denied = new HashSet<>();
  private final Map<String, Deque<Status>> failures = new HashMap<>();
  private final Map<String, Long> retryDelays = new HashMap<>();
  private final Set<String> hanging = new HashSet<>();
  private final List<String> requested = new ArrayList<>();
  private final List<String> described = new ArrayList<>();
  private boolean metadataDenied;
  private final AtomicInteger inFlight = new AtomicInteger();
  private int mostInFlight;
  private String requiredToken;
  private CountDownLatch hangRequested = new CountDownLatch(1);
  private CountDownLatch hangCancelled = new CountDownLatch(1);
  private CountDownLatch gate;
  private CountDownLatch gateReached = new CountDownLatch(0);
  private final Server server;

  FakeSecretManager() {
    ServerServiceDefinition service =
        ServerServiceDefinition.builder(SERVICE)
            .addMethod(ACCESS, ServerCalls.asyncUnaryCall(this::access))
            .addMethod(GET, ServerCalls.asyncUnaryCall(this::getVersion))
            .build();
    try {
      server =
          NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
              .addService(ServerInterceptors.intercept(service, new AuthorizationCheck(this)))
              .build()
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns client settings for this server: plaintext gRPC, no credentials. */
  SecretManagerServiceSettings clientSettings() {
    return plaintextSettings(endpoint());
  }

  /** Returns client settings for a local server at {@code endpoint}: plaintext gRPC, no credentials. */
  static SecretManagerServiceSettings plaintextSettings(String endpoint) {
    try {
      return SecretManagerServiceSettings.newBuilder()
          .setCredentialsProvider(NoCredentialsProvider.create())
          .setTransportChannelProvider(
              InstantiatingGrpcChannelProvider.newBuilder()
                  .setEndpoint(endpoint)
                  .setChannelConfigurator(channel -> channel.usePlaintext())
                  .build())
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String endpoint() {
    return "127.0.0.1:" + server.getPort();
  }

  /** Adds a version holding {@code value} to the secret {@code secretId}; returns its number. */
  synchronized int put(String secretId, String value) {
    return putBytes(secretId, value.getBytes(StandardCharsets.UTF_8));
  }

  synchronized int putBytes(String secretId, byte[] data) {
    List<Version> versions = secrets.computeIfAbsent(secretId, id -> new ArrayList<>());
    versions.add(new Version(data));
    return versions.size();
  }

  /** Makes the secret exist without any version, as after CreateSecret. */
  synchronized void create(String secretId) {
    secrets.computeIfAbsent(secretId, id -> new ArrayList<>());
  }

  synchronized void alias(String secretId, String alias, int version) {
    aliases.computeIfAbsent(secretId, id -> new HashMap<>()).put(alias, version);
  }

  synchronized void setState(String secretId, int version, State state) {
    secrets.get(secretId).get(version - 1).state = state;
  }

  /** Makes the checksum sent with the latest version of {@code secretId} wrong. */
  synchronized void corruptChecksum(String secretId) {
    List<Version> versions = secrets.get(secretId);
    versions.get(versions.size() - 1).corrupt = true;
  }

  /** Denies the caller access to {@code secretId}, as IAM does without secretAccessor on it. */
  synchronized void deny(String secretId) {
    denied.add(secretId);
  }

  /** Fails the next {@code times} calls for {@code secretId} with {@code status}. */
  synchronized void failNext(String secretId, Status status, int times) {
    Deque<Status> queue = failures.computeIfAbsent(secretId, id -> new ArrayDeque<>());
    for (int i = 0; i < times; i++) {
      queue.add(status);
    }
  }

  /** Adds a google.rpc.RetryInfo asking for {@code seconds} to the failures of {@code secretId}. */
  synchronized void askToRetryAfter(String secretId, long seconds) {
    retryDelays.put(secretId, seconds);
  }

  /** Makes calls for {@code secretId} never answered; the latches tell when one arrived and was cancelled. */
  synchronized void hang(String secretId) {
    hanging.add(secretId);
    hangRequested = new CountDownLatch(1);
    hangCancelled = new CountDownLatch(1);
  }

  synchronized CountDownLatch hangRequested() {
    return hangRequested;
  }

  synchronized CountDownLatch hangCancelled() {
    return hangCancelled;
  }

  /**
   * Holds every call until {@link #open()}, so that a test can see how many run at once; the
   * returned latch is counted down when {@code waiting} calls are held.
   */
  synchronized CountDownLatch closeGate(int waiting) {
    gate = new CountDownLatch(1);
    gateReached = new CountDownLatch(waiting);
    return gateReached;
  }

  void open() {
    CountDownLatch toOpen;
    synchronized (this) {
      toOpen = gate;
    }
    toOpen.countDown();
  }

  /** Answers UNAUTHENTICATED unless the call carries {@code Bearer token}. */
  synchronized void requireToken(String token) {
    requiredToken = token;
  }

  synchronized String requiredToken() {
    return requiredToken;
  }

  /** Denies {@code secretmanager.versions.get}, as IAM does for a caller with secretAccessor alone. */
  synchronized void denyMetadata() {
    metadataDenied = true;
  }

  /** Returns the resource names of the {@code GetSecretVersion} calls received, in order. */
  synchronized List<String> described() {
    return List.copyOf(described);
  }

  /** Returns the resource names of the {@code AccessSecretVersion} calls received, in order. */
  synchronized List<String> requested() {
    return List.copyOf(requested);
  }

  synchronized int mostInFlight() {
    return mostInFlight;
  }

  private void access(AccessSecretVersionRequest request, StreamObserver<AccessSecretVersionResponse> response) {
    CountDownLatch waitAt;
    synchronized (this) {
      requested.add(request.getName());
      mostInFlight = Math.max(mostInFlight, inFlight.incrementAndGet());
      waitAt = gate;
      if (waitAt != null) {
        gateReached.countDown();
      }
    }
    try {
      if (waitAt != null && !waitAt.await(30, TimeUnit.SECONDS)) {
        response.onError(Status.INTERNAL.withDescription("the test never opened the gate").asRuntimeException());
        return;
      }
      answer(request, response);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private synchronized void answer(AccessSecretVersionRequest request, StreamObserver<AccessSecretVersionResponse> response) {
    Matcher name = NAME.matcher(request.getName());
    if (!name.matches()) {
      response.onError(Status.INVALID_ARGUMENT.withDescription("Invalid resource field value in the request.").asRuntimeException());
      return;
    }
    String project = name.group(1);
    String secretId = name.group(2);
    String version = name.group(3);
    if (!project.equals(PROJECT) && !project.equals(PROJECT_NUMBER)) {
      response.onError(permissionDenied(request.getName()));
      return;
    }
    if (hanging.contains(secretId)) {
      CountDownLatch cancelled = hangCancelled;
      ((ServerCallStreamObserver<AccessSecretVersionResponse>) response).setOnCancelHandler(cancelled::countDown);
      hangRequested.countDown();
      return;
    }
    Deque<Status> queued = failures.get(secretId);
    if (queued != null && !queued.isEmpty()) {
      response.onError(withRetryInfo(queued.poll(), retryDelays.get(secretId)));
      return;
    }
    if (denied.contains(secretId)) {
      response.onError(permissionDenied(request.getName()));
      return;
    }
    List<Version> versions = secrets.get(secretId);
    String secretName = "projects/" + PROJECT_NUMBER + "/secrets/" + secretId;
    if (versions == null || (version.equals("latest") && versions.isEmpty())) {
      response.onError(Status.NOT_FOUND.withDescription("Secret [" + secretName + "] not found or has no versions.").asRuntimeException());
      return;
    }
    int number = resolve(secretId, version, versions.size());
    String versionName = secretName + "/versions/" + (number > 0 ? number : version);
    if (number < 1 || number > versions.size()) {
      response.onError(Status.NOT_FOUND.withDescription("Secret Version [" + versionName + "] not found.").asRuntimeException());
      return;
    }
    Version found = versions.get(number - 1);
    if (found.state != State.ENABLED) {
      response.onError(
          Status.FAILED_PRECONDITION.withDescription("Secret Version [" + versionName + "] is in " + found.state + " state.")
              .asRuntimeException());
      return;
    }
    CRC32C crc = new CRC32C();
    crc.update(found.data);
    long checksum = found.corrupt ? crc.getValue() ^ 1 : crc.getValue();
    response.onNext(
        AccessSecretVersionResponse.newBuilder()
            .setName(versionName)
            .setPayload(SecretPayload.newBuilder().setData(ByteString.copyFrom(found.data)).setDataCrc32C(checksum))
            .build());
    response.onCompleted();
  }

  /** Answers with the version's metadata, never its payload: the resolved name, with the project number, and the state. */
  private synchronized void getVersion(GetSecretVersionRequest request, StreamObserver<SecretVersion> response) {
    described.add(request.getName());
    Matcher name = NAME.matcher(request.getName());
    if (!name.matches()) {
      response.onError(Status.INVALID_ARGUMENT.withDescription("Invalid resource field value in the request.").asRuntimeException());
      return;
    }
    String secretId = name.group(2);
    String version = name.group(3);
    if (metadataDenied || denied.contains(secretId)) {
      response.onError(Status.PERMISSION_DENIED.withDescription("Permission 'secretmanager.versions.get' denied for resource '"
          + request.getName() + "' (or it may not exist).").asRuntimeException());
      return;
    }
    List<Version> versions = secrets.get(secretId);
    String secretName = "projects/" + PROJECT_NUMBER + "/secrets/" + secretId;
    if (versions == null || (version.equals("latest") && versions.isEmpty())) {
      response.onError(Status.NOT_FOUND.withDescription("Secret [" + secretName + "] not found or has no versions.").asRuntimeException());
      return;
    }
    int number = resolve(secretId, version, versions.size());
    if (number < 1 || number > versions.size()) {
      response.onError(Status.NOT_FOUND.withDescription("Secret Version [" + secretName + "/versions/" + version + "] not found.")
          .asRuntimeException());
      return;
    }
    response.onNext(SecretVersion.newBuilder()
        .setName(secretName + "/versions/" + number)
        .setState(SecretVersion.State.valueOf(versions.get(number - 1).state.name()))
        .setEtag("\"" + Integer.toHexString((secretId + number).hashCode()) + "\"")
        .build());
    response.onCompleted();
  }

  private int resolve(String secretId, String version, int latest) {
    if (version.equals("latest")) {
      return latest;
    }
    if (version.chars().allMatch(Character::isDigit)) {
      return Integer.parseInt(version);
    }
    return aliases.getOrDefault(secretId, Map.of()).getOrDefault(version, -1);
  }

  private static StatusRuntimeException permissionDenied(String resource) {
    return Status.PERMISSION_DENIED
        .withDescription("Permission 'secretmanager.versions.access' denied for resource '" + resource + "' (or it may not exist).")
        .asRuntimeException();
  }

  private static StatusRuntimeException withRetryInfo(Status status, Long seconds) {
    if (seconds == null) {
      return status.asRuntimeException();
    }
    com.google.rpc.Status detailed =
        com.google.rpc.Status.newBuilder()
            .setCode(status.getCode().value())
            .setMessage(String.valueOf(status.getDescription()))
            .addDetails(
                com.google.protobuf.Any.pack(
                    com.google.rpc.RetryInfo.newBuilder()
                        .setRetryDelay(com.google.protobuf.Duration.newBuilder().setSeconds(seconds))
                        .build()))
            .build();
    return StatusProto.toStatusRuntimeException(detailed);
  }

  @Override
  public void close() {
    server.shutdownNow();
    try {
      server.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
