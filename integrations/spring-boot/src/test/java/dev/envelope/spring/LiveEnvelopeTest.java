package dev.envelope.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envelope.LiveEnv;
import dev.envelope.spring.Apps.LiveMailEnv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ResolvableType;

/** {@code @EnableEnvelope(live = true)} in a real application: a {@code LiveEnv} bean follows an edited {@code .env}. */
@ExtendWith(OutputCaptureExtension.class)
class LiveEnvelopeTest {
  static final String OLD = "canary-old-71c4-mail-password";
  static final String NEW = "canary-new-0d95-mail-password";

  @TempDir Path dir;

  private void dotEnv(String password, String modified) throws IOException {
    Path file = dir.resolve(".env");
    Files.writeString(file, "LIVE_MAIL_HOST=smtp.example.com\nLIVE_MAIL_PASSWORD=" + password + "\n");
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse(modified)));
  }

  @SuppressWarnings("unchecked")
  private static LiveEnv<LiveMailEnv> live(ConfigurableApplicationContext context) {
    return (LiveEnv<LiveMailEnv>) context.getBeanProvider(ResolvableType.forClassWithGenerics(LiveEnv.class, LiveMailEnv.class))
        .getObject();
  }

  private static List<Thread> liveThreads() {
    List<Thread> found = new ArrayList<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().equals("envelope-live-LiveMailEnv")) {
        found.add(thread);
      }
    }
    return found;
  }

  @Test
  void theLiveEnvBeanFollowsAnEditedFileAndTheContextsCloseStopsIt(CapturedOutput output) throws IOException {
    dotEnv(OLD, "2025-06-01T10:00:00Z");
    List<Thread> threads;
    try (ConfigurableApplicationContext context =
        Apps.run(Apps.LiveApp.class, "--envelope.directory=" + dir, "--envelope.refresh-interval=1h")) {
      LiveEnv<LiveMailEnv> env = live(context);
      assertThat(context.getBean(LiveMailEnv.class).liveMailPassword().reveal()).isEqualTo(OLD);
      assertThat(env.get()).isSameAs(context.getBean(LiveMailEnv.class));
      threads = liveThreads();
      assertThat(threads).hasSize(1).allMatch(Thread::isAlive);

      dotEnv(NEW, "2025-06-01T10:00:05Z");

      assertThat(env.refresh()).isTrue();
      assertThat(env.get().liveMailPassword().reveal()).isEqualTo(NEW);
      // The record bean is the start-up value; the LiveEnv is what follows changes.
      assertThat(context.getBean(LiveMailEnv.class).liveMailPassword().reveal()).isEqualTo(OLD);
      assertThat(context.getBean(EnvelopeSchemas.class).reports().get(0).variable("LIVE_MAIL_PASSWORD")
          .orElseThrow().origin()).isEqualTo(dir.resolve(".env") + ":2");
    }
    assertThat(threads).noneMatch(Thread::isAlive);
    assertThat(output.getAll()).doesNotContain(OLD).doesNotContain(NEW);
  }

  @Test
  void withoutLiveThereIsNoLiveEnvBean() {
    try (ConfigurableApplicationContext context =
        Apps.run(Apps.ServiceApp.class, "--spring.config.name=envelope-test", "--jwt.secret=" + ServiceEnv.JWT_SECRET)) {
      assertThat(context.getBeanNamesForType(LiveEnv.class)).isEmpty();
    }
  }

  @Test
  void aRefreshIntervalBelowOneSecondStopsTheStartNamingTheProperty() throws IOException {
    dotEnv(OLD, "2025-06-01T10:00:00Z");

    assertThatThrownBy(() -> Apps.run(Apps.LiveApp.class, "--envelope.directory=" + dir,
        "--envelope.refresh-interval=100ms").close())
        .rootCause().hasMessage("refreshInterval must be at least 1 s: PT0.1S");
    assertThatThrownBy(() -> Apps.run(Apps.LiveApp.class, "--envelope.directory=" + dir,
        "--envelope.refresh-interval=100ms").close())
        .hasStackTraceContaining("envelope.refresh-interval is not a usable interval ('100ms')");
  }
}
