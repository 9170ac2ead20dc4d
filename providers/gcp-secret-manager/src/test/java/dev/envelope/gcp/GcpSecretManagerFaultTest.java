package dev.envelope.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.cloud.secretmanager.v1.AccessSecretVersionResponse;
import com.google.cloud.secretmanager.v1.SecretPayload;
import com.google.protobuf.ByteString;
import dev.envelope.Env;
import dev.envelope.EnvException;
import dev.envelope.Problem;
import dev.envelope.Profile;
import dev.envelope.Secret;
import dev.envelope.gcp.GrpcFaultServer.Kind;
import dev.envelope.gcp.GrpcFaultServer.Step;
import dev.envelope.spi.FetchLimits;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fault matrix of {@code envelope-junit}'s {@code HttpProviderFaultContract}, over gRPC: that
 * contract's server speaks HTTP/1.1 and cannot carry gRPC, so each of its cases is played here by a
 * local gRPC server against the real client: never answers, headers then stall, the connection
 * dropped mid-call, a 10 MB message, a message that is not one holding the secret, RESOURCE_EXHAUSTED
 * with a RetryInfo of 1 s and 3600 s, UNAVAILABLE before a success, slow failures, and a load that
 * gives up on a hanging provider. Two HTTP cases have no gRPC counterpart: a redirect (gRPC has none)
 * and a trickled body (grpc-java sends a message whole; the stall after the headers is the body that
 * never completes). Each case asserts the calls made, that the load ended within twice the
 * provider's time-out, the problem's text, that the secret appears nowhere, and that no thread of the
 * provider is left working.
 */
class GcpSecretManagerFaultTest {
  private static final String CANARY = "canary-7a3e-grpc-fault-never-print";
  /** The attempts decide each case; the whole fetch's 15 s only bound it (see HttpProviderFaultContract.LIMITS). */
  private static final FetchLimits LIMITS = FetchLimits.of(3, Duration.ofSeconds(1), Duration.ofSeconds(15));
  private static final String PROVIDER = "gcp-secretmanager " + FakeSecretManager.PROJECT;

  record FaultSchema(Secret<String> faultSecret) {}

  private GrpcFaultServer server;

  @BeforeEach
  void start() {
    server = new GrpcFaultServer();
  }

  @AfterEach
  void stop() throws InterruptedException {
    server.close();
  }

  @Test
  void serverThatNeverAnswersIsAbandonedWithinTheLimits() throws Exception {
    script(Step.of(Kind.NEVER_ANSWER), 3);
    assertThat(failure(LIMITS)).contains("FAULT_SECRET: Secret Manager (" + server.endpoint() + ") did not answer in 3 attempts (DEADLINE_EXCEEDED: ");
    assertThat(server.requests()).hasSize(3);
  }

  @Test
  void stallAfterTheHeadersIsBoundedByTheAttemptTimeout() throws Exception {
    script(Step.of(Kind.HEADERS_THEN_STALL), 3);
    assertThat(failure(LIMITS)).contains("did not answer in 3 attempts (DEADLINE_EXCEEDED: ");
    assertThat(server.requests()).hasSize(3);
  }

  @Test
  void connectionDroppedMidCallFailsWithinTheLimits() throws Exception {
    script(Step.of(Kind.DROP_CONNECTION), 1);
    assertThat(failure(LIMITS)).contains("did not answer in 3 attempts (UNAVAILABLE: ");
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void tenMegabyteMessageIsRefusedWithoutRetry() throws Exception {
    byte[] huge = new byte[10 * 1024 * 1024];
    Arrays.fill(huge, (byte) 'x');
    script(Step.answer(response(huge)), 3);
    assertThat(failure(LIMITS)).isEqualTo("FAULT_SECRET: Secret Manager (" + server.endpoint() + ") answered with a message"
        + " larger than 1 MiB, the most this provider reads (a secret's payload is at most 64 KiB); the answer is not shown");
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void messageThatIsNotOneIsRefusedWithoutRetryAndWithoutQuotingIt() throws Exception {
    byte[] garbage = ("\u00ff\u00ff{\"payload\": \"" + CANARY + "\"}").getBytes(StandardCharsets.ISO_8859_1);
    script(Step.answer(garbage), 3);
    assertThat(failure(LIMITS)).isEqualTo("FAULT_SECRET: Secret Manager (" + server.endpoint() + ") answered with a message"
        + " that is not an AccessSecretVersionResponse; the answer is not shown");
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void throttlingForAnHourFailsAtOnceSayingSo() throws Exception {
    script(Step.fail(throttled(3600)), 3);
    assertThat(failure(LIMITS)).isEqualTo("FAULT_SECRET: Secret Manager (" + server.endpoint() + ") throttled the calls"
        + " (RESOURCE_EXHAUSTED: Quota exceeded for quota metric 'Access requests'); asked to wait 3600 s, more than the fetch has left");
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void throttlingForASecondIsWaitedOut() throws Exception {
    server.script(Step.fail(throttled(1)), success());
    assertLoads(2);
  }

  @Test
  void unavailableBeforeASuccessIsRetried() throws Exception {
    server.script(Step.fail(Status.UNAVAILABLE.withDescription("The service is currently unavailable.").asRuntimeException()));
    server.script(Step.fail(Status.UNAVAILABLE.withDescription("The service is currently unavailable.").asRuntimeException()));
    server.script(success());
    assertLoads(3);
  }

  @Test
  void slowFailuresEndWithTheProvidersOwnMessage() throws Exception {
    script(Step.failSlowly(Status.UNAVAILABLE.withDescription("The service is currently unavailable.").asRuntimeException()), 3);
    assertThat(failure(LIMITS)).isEqualTo("FAULT_SECRET: Secret Manager (" + server.endpoint() + ") did not answer in 3"
        + " attempts (UNAVAILABLE: The service is currently unavailable)");
    assertThat(server.requests()).hasSize(3);
  }

  @Test
  void hangingProviderIsStoppedWhenTheLoadGivesUp() throws Exception {
    script(Step.of(Kind.NEVER_ANSWER), 2);
    Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());

    EnvException thrown = expectFailure(load(FetchLimits.of(1, Duration.ofSeconds(60), Duration.ofSeconds(60)))
        .providerTimeout(Duration.ofMillis(500)));

    assertThat(problemOf(thrown)).contains("(the provider timeout of the load)");
    assertNoProviderThreadLeft(before);
    assertThat(server.requests()).hasSize(1);
  }

  private void script(Step step, int times) {
    for (int i = 0; i < times; i++) {
      server.script(step);
    }
  }

  private static byte[] response(byte[] data) {
    CRC32C crc = new CRC32C();
    crc.update(data);
    return AccessSecretVersionResponse.newBuilder()
        .setName("projects/" + FakeSecretManager.PROJECT_NUMBER + "/secrets/FAULT_SECRET/versions/1")
        .setPayload(SecretPayload.newBuilder().setData(ByteString.copyFrom(data)).setDataCrc32C(crc.getValue()))
        .build()
        .toByteArray();
  }

  private static Step success() {
    return Step.answer(response(CANARY.getBytes(StandardCharsets.UTF_8)));
  }

  private static io.grpc.StatusRuntimeException throttled(long seconds) {
    return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
        .setCode(Status.Code.RESOURCE_EXHAUSTED.value())
        .setMessage("Quota exceeded for quota metric 'Access requests'")
        .addDetails(com.google.protobuf.Any.pack(com.google.rpc.RetryInfo.newBuilder()
            .setRetryDelay(com.google.protobuf.Duration.newBuilder().setSeconds(seconds)).build()))
        .build());
  }

  private Env.Builder load(FetchLimits limits) {
    GcpSecretManagerProvider provider = GcpSecretManagerProvider.builder()
        .project(FakeSecretManager.PROJECT).clientSettings(server.clientSettings()).limits(limits).build();
    return Env.builder().hermetic().profile(Profile.STAGING).provider(provider).providerTimeout(Duration.ofSeconds(30));
  }

  private void assertLoads(int requests) throws Exception {
    Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());

    FaultSchema loaded = load(LIMITS).load(FaultSchema.class);

    assertThat(loaded.faultSecret().reveal()).isEqualTo(CANARY);
    assertNoProviderThreadLeft(before);
    assertThat(server.requests()).hasSize(requests);
  }

  /** Loads within {@code limits}, expecting failure within twice their time-out; returns the provider's problem. */
  private String failure(FetchLimits limits) throws Exception {
    Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
    long start = System.nanoTime();

    EnvException thrown = expectFailure(load(limits));

    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(took).isLessThan(limits.timeout().multipliedBy(2));
    String problem = problemOf(thrown);
    assertThat(problem).doesNotContain("(the provider timeout of the load)");
    assertNoProviderThreadLeft(before);
    return problem;
  }

  private static EnvException expectFailure(Env.Builder load) {
    EnvException thrown = catchThrowableOfType(EnvException.class, () -> load.load(FaultSchema.class));
    assertThat(thrown).as("the load should fail").isNotNull();
    StringWriter printed = new StringWriter();
    thrown.printStackTrace(new PrintWriter(printed));
    assertThat(printed.toString() + thrown.toJson() + thrown.problems()).doesNotContain(CANARY);
    return thrown;
  }

  private static String problemOf(EnvException thrown) {
    return thrown.problems().stream()
        .filter(p -> p.kind() == Problem.Kind.PROVIDER && p.variable().equals(PROVIDER))
        .map(Problem::message)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no PROVIDER problem named " + PROVIDER + " in:\n" + thrown.getMessage()));
  }

  /**
   * Waits (at most 10 s) until no thread started since {@code before} runs the provider's code or
   * its worker pool: a thread left waiting on a call or sleeping before a retry fails the check.
   */
  private static void assertNoProviderThreadLeft(Set<Thread> before) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    List<Thread> working = working(before);
    while (!working.isEmpty() && System.nanoTime() < deadline) {
      working.get(0).join(20);
      working = working(before);
    }
    assertThat(working).as("provider threads still working").isEmpty();
  }

  private static List<Thread> working(Set<Thread> before) {
    List<Thread> working = new ArrayList<>();
    Thread.getAllStackTraces().forEach((thread, stack) -> {
      boolean provider = thread.getName().startsWith("envelope-gcp-secretmanager-")
          || Arrays.stream(stack).anyMatch(frame -> frame.getClassName().startsWith("dev.envelope.gcp.")
              && !frame.getClassName().contains("Test"));
      if (!before.contains(thread) && thread.isAlive() && thread != Thread.currentThread() && provider) {
        working.add(thread);
      }
    });
    return working;
  }
}
