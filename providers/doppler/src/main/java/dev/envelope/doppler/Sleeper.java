package dev.envelope.doppler;

import java.time.Duration;

/** Waits between retries; replaced in tests so that long backoffs take no real time. */
@FunctionalInterface
interface Sleeper {
  /** The real clock's sleep. */
  Sleeper THREAD = duration -> Thread.sleep(duration.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}
