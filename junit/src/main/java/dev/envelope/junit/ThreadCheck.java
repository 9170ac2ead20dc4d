package dev.envelope.junit;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Checks that a load left no thread working for it: every thread started since a snapshot has
 * ended, or waits idle in a pool (an HTTP client's worker pool, its time-out watchdog) that the
 * provider owns for its lifetime. A thread blocked in a socket read or sleeping before a retry is
 * working, and fails the check.
 */
final class ThreadCheck {
  /** Frames of threads that wait for work, not on a request. */
  private static final List<String> IDLE_FRAMES = List.of(
      "java.util.concurrent.ThreadPoolExecutor.getTask",
      "java.util.concurrent.ForkJoinPool.awaitWork",
      "jdk.internal.net.http.HttpClientImpl$SelectorManager.run",
      "okio.AsyncTimeout$Watchdog.run",
      "okhttp3.internal.concurrent.TaskRunner");

  private static final long BOUND_NANOS = TimeUnit.SECONDS.toNanos(10);

  private ThreadCheck() {}

  /** Returns the threads alive now. */
  static Set<Thread> live() {
    return Set.copyOf(Thread.getAllStackTraces().keySet());
  }

  /**
   * Waits (at most 10 s) until every thread started since {@code before} has ended or is idle.
   *
   * @throws AssertionError naming the threads still working, with their stacks
   */
  static void assertNoneLeftWorking(Set<Thread> before) throws InterruptedException {
    long deadline = System.nanoTime() + BOUND_NANOS;
    List<Thread> working = working(before);
    while (!working.isEmpty()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        StringBuilder report = new StringBuilder("threads still working after the load:");
        for (Thread thread : working) {
          report.append("\n  ").append(thread.getName()).append(" (").append(thread.getState()).append(")");
          for (StackTraceElement frame : thread.getStackTrace()) {
            report.append("\n      at ").append(frame);
          }
        }
        fail(report.toString());
      }
      // Waits on the first busy thread's end, re-checking often: a pooled thread turns idle, not dead.
      working.get(0).join(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 20)));
      working = working(before);
    }
  }

  private static List<Thread> working(Set<Thread> before) {
    List<Thread> working = new ArrayList<>();
    Thread.getAllStackTraces().forEach((thread, stack) -> {
      if (!before.contains(thread) && thread.isAlive() && !thread.getName().startsWith(FaultServer.THREAD_PREFIX)
          && thread != Thread.currentThread() && !idle(stack)) {
        working.add(thread);
      }
    });
    return working;
  }

  private static boolean idle(StackTraceElement[] stack) {
    for (StackTraceElement frame : stack) {
      String name = frame.getClassName() + "." + frame.getMethodName();
      for (String idle : IDLE_FRAMES) {
        if (name.startsWith(idle) || frame.getClassName().startsWith(idle)) {
          return true;
        }
      }
    }
    return false;
  }
}
