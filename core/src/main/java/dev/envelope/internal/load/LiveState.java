package dev.envelope.internal.load;

import dev.envelope.internal.sources.FileCache;
import dev.envelope.spi.EnvProvider;
import dev.envelope.spi.ProviderRequest;
import dev.envelope.spi.ProviderSnapshot;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * What a {@link LiveEnv} keeps between its loads: each provider's last snapshot, offered to it on
 * the next fetch so that it can answer "unchanged" cheaply, the request to start its watch with, and
 * the {@code .env} files and {@code VAR_FILE}s as its loads last read them. Used by one load at a time.
 */
public final class LiveState {
  private final FileCache files = new FileCache();
  private final Map<EnvProvider, ProviderSnapshot> snapshots = new IdentityHashMap<>();
  private final Map<EnvProvider, ProviderRequest> requests = new IdentityHashMap<>();

  synchronized ProviderSnapshot snapshot(EnvProvider provider) {
    return snapshots.get(provider);
  }

  synchronized void remember(EnvProvider provider, ProviderRequest request, ProviderSnapshot snapshot) {
    snapshots.put(provider, snapshot);
    requests.putIfAbsent(provider, request);
  }

  /** Returns the files as this live configuration's loads last read them. */
  FileCache files() {
    return files;
  }

  /** Returns the providers fetched so far, with the request of their first fetch. */
  public synchronized Map<EnvProvider, ProviderRequest> providers() {
    return new IdentityHashMap<>(requests);
  }
}
