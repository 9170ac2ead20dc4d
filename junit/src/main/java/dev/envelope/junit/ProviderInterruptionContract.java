package dev.envelope.junit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.envelope.Env;
import dev.envelope.EnvException;
import dev.envelope.Problem;
import dev.envelope.Profile;
import dev.envelope.spi.EnvProvider;
import dev.envelope.spi.ProviderRequest;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Holds a provider that reads over the network to stopping when the load stops waiting for it: an
 * interrupted fetch ends, returns no entries, and abandons its call, so that no thread or request
 * outlives the load. A provider's test class implements it beside extending {@link
 * ProviderContract}, and says how to make a fetch block at the source.
 *
 * <p>The tests wait on latches that the source counts down, with bounds of 30 s that only a broken
 * provider reaches; nothing depends on how fast the machine is.
 */
public interface ProviderInterruptionContract {
  /** How long the tests wait for something that should happen at once. */
  Duration PATIENCE = Duration.ofSeconds(30);

  /**
   * A provider whose fetch blocks at its source until the call is abandoned.
   *
   * @param provider the provider, which reads the variables {@value ProviderContract#SECRET_NAME} and
   *     {@value ProviderContract#PLAIN_NAME}
   * @param settings the settings it reads (an endpoint, a token)
   * @param requested counted down by the source when the provider's request has arrived
   * @param abandoned counted down by the source when the provider has cancelled the request or closed
   *     its connection
   */
  record BlockedFetch(
      EnvProvider provider, Map<String, String> settings, CountDownLatch requested, CountDownLatch abandoned) {}

  /** Returns a provider whose source receives its request and never answers. */
  BlockedFetch blockedFetch() throws Exception;

  @Test
  default void interruptedFetchEndsWithoutEntriesAndAbandonsItsCall() throws Exception {
    BlockedFetch blocked = blockedFetch();
    ProviderRequest request =
        ProviderRequest.of(
            Profile.STAGING, Set.of(ProviderContract.SECRET_NAME, ProviderContract.PLAIN_NAME), blocked.settings());
    AtomicReference<Object> result = new AtomicReference<>();
    Thread fetch =
        new Thread(
            () -> {
              try {
                result.set(blocked.provider().fetch(request));
              } catch (Throwable e) {
                result.set(e);
              }
            },
            "interruption-contract-fetch");
    fetch.start();
    assertTrue(blocked.requested().await(PATIENCE.toSeconds(), TimeUnit.SECONDS), "the source never got the request");

    fetch.interrupt();
    fetch.join(PATIENCE.toMillis());

    assertFalse(fetch.isAlive(), "the fetch was still running " + PATIENCE.toSeconds() + " s after the interrupt");
    assertInstanceOf(Exception.class, result.get(), "an interrupted fetch must fail, not return entries");
    assertTrue(blocked.abandoned().await(PATIENCE.toSeconds(), TimeUnit.SECONDS), "the call was never abandoned");
  }

  @Test
  default void loadInterruptedWhileWaitingReportsTheProviderAndStopsIt() throws Exception {
    BlockedFetch blocked = blockedFetch();
    Env.Builder load =
        Env.builder()
            .hermetic()
            .environment(blocked.settings())
            .profile(Profile.STAGING)
            .provider(blocked.provider())
            .providerTimeout(Duration.ofMinutes(5));
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread loading =
        new Thread(
            () -> thrown.set(assertThrows(EnvException.class, () -> load.load(ProviderContract.ContractSchema.class))),
            "interruption-contract-load");
    loading.start();
    assertTrue(blocked.requested().await(PATIENCE.toSeconds(), TimeUnit.SECONDS), "the source never got the request");

    loading.interrupt();
    loading.join(PATIENCE.toMillis());

    assertFalse(loading.isAlive(), "the load was still running " + PATIENCE.toSeconds() + " s after the interrupt");
    EnvException failure = assertInstanceOf(EnvException.class, thrown.get());
    assertTrue(
        failure.problems().stream()
            .anyMatch(p -> p.kind() == Problem.Kind.PROVIDER && p.variable().equals(blocked.provider().name())),
        failure::getMessage);
    assertTrue(blocked.abandoned().await(PATIENCE.toSeconds(), TimeUnit.SECONDS), "the call was never abandoned");
  }
}
