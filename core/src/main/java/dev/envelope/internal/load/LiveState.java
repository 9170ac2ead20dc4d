package dev.envelope.internal.load;

import dev.envelope.spi.EnvProvider;
import dev.envelope.spi.ProviderRequest;
import dev.envelope.spi.ProviderSnapshot;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * What a {@link LiveEnv} keeps between its loads: each provider's last snapshot, offered to it on
 * the next fetch so that it can answer "unchanged" cheaply, and the request to start its watch with.
 * Used by one load at a time.
 */
public final class LiveState {
  private final Map<EnvProvider, ProviderSnapshot> snapshots = new IdentityHashMap<>();
  private final Map<EnvProvider, ProviderRequest> requests = new IdentityHashMap<>();

  synchronized ProviderSnapshot snapshot(EnvProvider provider) {
    return snapshots.get(provider);
  }

  synchronized void remember(EnvProvider provider, ProviderRequest request, ProviderSnapshot snapshot) {
    snapshots.put(provider, snapshot);
    requests.putIfAbsent(provider, request);
  }

  /** Returns the providers fetched so far, with the request of their first fetch. */
  public synchronized Map<EnvProvider, ProviderRequest> providers() {
    return new IdentityHashMap<>(requests);
  }
}
