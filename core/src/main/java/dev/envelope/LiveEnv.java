package dev.envelope;

import dev.envelope.internal.load.LiveState;
import dev.envelope.spi.EnvProvider;
import dev.envelope.spi.ProviderRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keeps a loaded record current as its sources change: secrets rotate, a mounted volume is updated,
 * a Doppler config is edited. Made by {@link EnvLoader#watch}.
 *
 * <p>Valid or nothing: each refresh resolves a complete candidate with the same one-pass validation
 * as a load. A valid candidate that differs from the current record replaces it and is announced to
 * the {@linkplain #onChange change listeners} with the names (never the values) of the variables that
 * changed; an equal one changes nothing. A failed refresh keeps the last valid record, is announced
 * to the {@linkplain #onFailure failure listeners}, and marks the record stale ({@link #staleSince()},
 * and a note in {@link #resolution()}'s report).
 *
 * <p>Refreshes run every {@linkplain Env.Builder#refreshInterval refresh interval} (each period
 * jittered by up to 10%, so that replicas do not poll in step), at once when a provider signals a
 * change (a watched Kubernetes volume), and on {@link #refresh()}. After a failure the next attempt
 * comes sooner and then backs off: 2 s, 4 s, 8 s... up to the interval. Calls to {@link #refresh()}
 * that overlap share one fetch, and calls within {@value #MIN_GAP_MILLIS} ms of the last refresh
 * reuse its result, so that a pool's burst of login failures does not hammer the store.
 *
 * <p>Everything runs on one thread this object owns ({@code envelope-live-SCHEMA}), listeners too,
 * in registration order; a listener's exception is logged (its type only: a message may quote a
 * value) and does not stop the others. {@link #close()} stops the thread and the providers' watches.
 * Thread-safe.
 *
 * @param <T> the schema's type
 */
public final class LiveEnv<T extends Record> implements AutoCloseable {
  /** Refreshes closer together than this reuse the last result. */
  static final long MIN_GAP_MILLIS = 1000;
  private static final Duration FIRST_RETRY = Duration.ofSeconds(2);

  private final EnvLoader loader;
  private final Class<T> schema;
  private final LiveState state = new LiveState();
  private final ScheduledThreadPoolExecutor executor;
  private final LiveThreads threads;
  private final List<Consumer<EnvChange<T>>> changeListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<EnvException>> failureListeners = new CopyOnWriteArrayList<>();
  private final List<AutoCloseable> watches = new ArrayList<>();
  private final Object lock = new Object();

  private volatile Resolution<T> current;
  private volatile Instant staleSince;
  private volatile EnvException lastFailure;
  // Guarded by lock.
  private CompletableFuture<Boolean> inFlight;
  private long lastEnded = Long.MIN_VALUE;
  private boolean lastChanged;
  private boolean closed;
  private ScheduledFuture<?> next;
  // Touched by the executor's thread only.
  private int failures;

  private LiveEnv(EnvLoader loader, Class<T> schema) {
    this.loader = loader;
    this.schema = schema;
    this.threads = new LiveThreads("envelope-live-" + schema.getSimpleName());
    this.executor = new ScheduledThreadPoolExecutor(1, threads);
    executor.setRemoveOnCancelPolicy(true);
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  static <T extends Record> LiveEnv<T> start(EnvLoader loader, Class<T> schema) {
    LiveEnv<T> env = new LiveEnv<>(loader, schema);
    try {
      env.current = loader.resolve(schema, env.state);
    } catch (RuntimeException e) {
      env.executor.shutdownNow();
      throw e;
    }
    env.startWatches();
    env.schedule(loader.settings.refreshInterval());
    return env;
  }

  /** Returns the current valid record; never null. */
  public T get() {
    return current.value();
  }

  /**
   * Returns the current record with the report of how it was resolved; when the last refresh failed,
   * the report's notes say since when the values are stale.
   */
  public Resolution<T> resolution() {
    Resolution<T> resolution = current;
    Instant stale = staleSince;
    EnvException failure = lastFailure;
    if (stale == null || failure == null) {
      return resolution;
    }
    Report report = resolution.report();
    List<String> notes = new ArrayList<>(report.notes());
    notes.add("stale since " + stale + ": the last refresh failed with " + failure.problems().size()
        + (failure.problems().size() == 1 ? " problem" : " problems") + "; these are the last valid values");
    Report stalled = new Report(report.schema(), report.profile(), report.variables(), report.warnings(), notes);
    return new Resolution<>(resolution.value(), stalled, resolution.texts);
  }

  /** Returns when the values became stale (the first of the failed refreshes since the last good one). */
  public Optional<Instant> staleSince() {
    return Optional.ofNullable(staleSince);
  }

  /** Adds a listener told of every change, on this object's thread, after those added before it. */
  public void onChange(Consumer<EnvChange<T>> listener) {
    changeListeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Adds a listener told of every failed refresh, with its problems; {@link #get()} keeps the last valid record. */
  public void onFailure(Consumer<EnvException> listener) {
    failureListeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Re-resolves now and returns whether the record changed; returns after the change listeners have
   * run. Safe to call from a connection pool's "login failed" path: see the class
   * comment for how calls coalesce.
   *
   * @throws IllegalStateException if this has been closed
   */
  public boolean refresh() {
    CompletableFuture<Boolean> result;
    boolean start = false;
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("this LiveEnv of " + schema.getSimpleName() + " is closed");
      }
      if (inFlight != null) {
        result = inFlight;
      } else if (lastEnded != Long.MIN_VALUE && System.nanoTime() - lastEnded < TimeUnit.MILLISECONDS.toNanos(MIN_GAP_MILLIS)) {
        return lastChanged;
      } else {
        result = inFlight = new CompletableFuture<>();
        start = true;
      }
    }
    if (start) {
      if (Thread.currentThread() instanceof LiveThread) {
        run(result);
      } else {
        executor.execute(new Refresh(this, result));
      }
    }
    return result.join();
  }

  /** Stops refreshing and watching; no thread of this object is left running. */
  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      if (next != null) {
        next.cancel(false);
      }
    }
    for (AutoCloseable watch : watches) {
      try {
        watch.close();
      } catch (Exception e) {
        log("a provider's watch failed to close", e);
      }
    }
    executor.shutdownNow();
    if (!(Thread.currentThread() instanceof LiveThread)) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      try {
        executor.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        // The executor counts as terminated while its last thread is still returning from its work.
        threads.join(deadline);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Returns the schema and whether the values are stale; never a value. */
  @Override
  public String toString() {
    return "LiveEnv[" + schema.getSimpleName() + (staleSince == null ? "" : ", stale since " + staleSince) + "]";
  }

  // ---- the refresh, on this object's thread --------------------------------------------------

  /** A scheduled or signalled refresh: coalesces with one under way, and schedules the next. */
  private void poll() {
    CompletableFuture<Boolean> result;
    synchronized (lock) {
      if (closed || inFlight != null) {
        return;
      }
      result = inFlight = new CompletableFuture<>();
    }
    run(result);
  }

  private void run(CompletableFuture<Boolean> result) {
    boolean changed = false;
    EnvChange<T> change = null;
    EnvException failure = null;
    try {
      Resolution<T> candidate = loader.resolve(schema, state);
      Resolution<T> previous = current;
      if (!candidate.value().equals(previous.value())) {
        change = new EnvChange<>(previous.value(), candidate.value(), changedNames(previous.texts, candidate.texts));
        current = candidate;
        changed = true;
      }
      staleSince = null;
      lastFailure = null;
      failures = 0;
    } catch (EnvException e) {
      failure = e;
    } catch (RuntimeException e) {
      // A bug in a converter or provider that escaped the load's own handling: still never a swap.
      failure = new EnvException(schema.getSimpleName(), current.report().profile().name(), List.of(new Problem(
          schema.getSimpleName(), Problem.Kind.INVALID, "the refresh failed: " + e.getClass().getName(), "")));
    }
    if (failure != null) {
      failures++;
      lastFailure = failure;
      if (staleSince == null) {
        staleSince = Instant.now();
      }
    }
    synchronized (lock) {
      inFlight = null;
      lastEnded = System.nanoTime();
      lastChanged = changed;
    }
    if (change != null) {
      for (Consumer<EnvChange<T>> listener : changeListeners) {
        try {
          listener.accept(change);
        } catch (RuntimeException e) {
          log("a change listener failed", e);
        }
      }
    }
    if (failure != null) {
      for (Consumer<EnvException> listener : failureListeners) {
        try {
          listener.accept(failure);
        } catch (RuntimeException e) {
          log("a failure listener failed", e);
        }
      }
    }
    // Callers of refresh() return after the listeners, so that a pool's "login failed" path that
    // refreshes finds the new password already handed over.
    result.complete(changed);
  }

  private static Set<String> changedNames(Map<String, String> before, Map<String, String> after) {
    Set<String> names = new LinkedHashSet<>();
    for (Map.Entry<String, String> entry : after.entrySet()) {
      if (!Objects.equals(entry.getValue(), before.get(entry.getKey()))) {
        names.add(entry.getKey());
      }
    }
    return names;
  }

  /** Schedules the next poll after {@code period}, jittered by up to 10% either way. */
  private void schedule(Duration period) {
    long millis = period.toMillis();
    long jittered = millis + ThreadLocalRandom.current().nextLong(-millis / 10, millis / 10 + 1);
    synchronized (lock) {
      if (!closed) {
        next = executor.schedule(new Poll(this), Math.max(1, jittered), TimeUnit.MILLISECONDS);
      }
    }
  }

  private Duration delayAfterPoll() {
    if (failures == 0) {
      return loader.settings.refreshInterval();
    }
    Duration backoff = FIRST_RETRY.multipliedBy(1L << Math.min(failures - 1, 20));
    return backoff.compareTo(loader.settings.refreshInterval()) < 0 ? backoff : loader.settings.refreshInterval();
  }

  private void startWatches() {
    for (Map.Entry<EnvProvider, ProviderRequest> provider : state.providers().entrySet()) {
      try {
        AutoCloseable watch = provider.getKey().watch(provider.getValue(), new Signal(this));
        if (watch != null) {
          watches.add(watch);
        }
      } catch (Exception e) {
        log("the watch of " + provider.getKey().name() + " could not start; it is polled instead", e);
      }
    }
  }

  private void log(String what, Throwable e) {
    System.getLogger("dev.envelope").log(System.Logger.Level.WARNING,
        "Envelope: LiveEnv of " + schema.getSimpleName() + ": " + what + " (" + e.getClass().getName() + ")");
  }

  private static final class Refresh implements Runnable {
    private final LiveEnv<?> env;
    private final CompletableFuture<Boolean> result;

    Refresh(LiveEnv<?> env, CompletableFuture<Boolean> result) {
      this.env = env;
      this.result = result;
    }

    @Override
    public void run() {
      env.run(result);
    }
  }

  private static final class Poll implements Runnable {
    private final LiveEnv<?> env;

    Poll(LiveEnv<?> env) {
      this.env = env;
    }

    @Override
    public void run() {
      env.poll();
      env.schedule(env.delayAfterPoll());
    }
  }

  /** Handed to providers' watches: a change signal becomes a refresh on this object's thread. */
  private static final class Signal implements Runnable {
    private final LiveEnv<?> env;

    Signal(LiveEnv<?> env) {
      this.env = env;
    }

    @Override
    public void run() {
      try {
        env.executor.execute(new Runnable() {
          @Override
          public void run() {
            env.poll();
          }
        });
      } catch (java.util.concurrent.RejectedExecutionException closed) {
        // The LiveEnv closed while the watch was signalling: nothing to refresh.
      }
    }
  }

  private static final class LiveThread extends Thread {
    LiveThread(Runnable task, String name) {
      super(task, name);
      setDaemon(true);
    }
  }

  /** Makes the executor's threads, and remembers the live ones so that {@link #close()} can wait for them. */
  private static final class LiveThreads implements java.util.concurrent.ThreadFactory {
    private final String name;
    private final List<Thread> made = new ArrayList<>(1);

    LiveThreads(String name) {
      this.name = name;
    }

    @Override
    public synchronized Thread newThread(Runnable task) {
      // A thread that ended (the executor replaces one whose task threw) is not waited for again.
      for (Iterator<Thread> it = made.iterator(); it.hasNext(); ) {
        if (!it.next().isAlive()) {
          it.remove();
        }
      }
      Thread thread = new LiveThread(task, name);
      made.add(thread);
      return thread;
    }

    /** Waits until every thread made has ended, or until {@code deadline} ({@link System#nanoTime()}). */
    void join(long deadline) throws InterruptedException {
      List<Thread> all;
      synchronized (this) {
        all = new ArrayList<>(made);
      }
      for (Thread thread : all) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          return;
        }
        thread.join(left);
      }
    }
  }
}
