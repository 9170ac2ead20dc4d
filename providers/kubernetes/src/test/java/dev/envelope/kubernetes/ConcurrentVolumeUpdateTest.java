package dev.envelope.kubernetes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.envelope.Profile;
import dev.envelope.spi.ProviderRequest;
import dev.envelope.spi.ProviderSnapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentVolumeUpdateTest {
  private static final int KEYS = 6;
  private static final int UPDATES = 300;
  private static final int READERS = 2;

  @TempDir Path root;

  private static Map<String, byte[]> version(int number) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (int key = 0; key < KEYS; key++) {
      files.put("key-" + key, ("version-" + number + "\n").getBytes(UTF_8));
    }
    return files;
  }

  @Test
  void readerNeverReturnsAMixOfOldAndNewValuesWhileTheKubeletSwapsVersions() throws Exception {
    Path mount = root.resolve("app");
    KubeletVolume volume = KubeletVolume.create(mount, version(0));
    // Retries are bounded; the bound is generous here because this writer swaps far more often
    // than a kubelet (which updates at most once per sync period).
    MountedSecretsProvider provider = MountedSecretsProvider.builder().directory(mount).maxAttempts(100_000).build();
    ProviderRequest request = ProviderRequest.of(Profile.PRODUCTION, Set.of(), Map.of());
    AtomicBoolean writing = new AtomicBoolean(true);
    Queue<String> mixed = new ConcurrentLinkedQueue<>();
    Set<String> seen = ConcurrentHashMap.newKeySet();

    ExecutorService threads = Executors.newFixedThreadPool(READERS + 1);
    try {
      List<Future<Integer>> readers = new ArrayList<>();
      for (int reader = 0; reader < READERS; reader++) {
        readers.add(threads.submit(() -> {
          int reads = 0;
          do {
            ProviderSnapshot snapshot = provider.fetch(request);
            Set<String> versions = new HashSet<>();
            snapshot.entries().forEach(entry -> versions.add(entry.value()));
            if (snapshot.entries().size() != KEYS || versions.size() != 1) {
              mixed.add(snapshot.entries().size() + " entries with values " + versions);
            }
            seen.addAll(versions);
            if (snapshot.toString().contains("version-") || snapshot.entries().toString().contains("version-")) {
              mixed.add("a value leaked into " + snapshot);
            }
            reads++;
          } while (writing.get());
          return reads;
        }));
      }
      Future<?> writer = threads.submit(() -> {
        try {
          for (int number = 1; number <= UPDATES; number++) {
            volume.update(version(number));
            Thread.sleep(1);
          }
        } finally {
          writing.set(false);
        }
        return null;
      });

      writer.get(120, TimeUnit.SECONDS);
      for (Future<Integer> reader : readers) {
        assertThat(reader.get(120, TimeUnit.SECONDS)).isPositive();
      }
    } finally {
      threads.shutdownNow();
    }

    assertThat(mixed).isEmpty();
    assertThat(seen).allMatch(value -> value.matches("version-\\d+"));
    ProviderSnapshot last = provider.fetch(request);
    assertThat(last.entries()).hasSize(KEYS).allMatch(entry -> entry.value().equals("version-" + UPDATES));
  }
}
