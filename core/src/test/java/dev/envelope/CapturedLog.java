package dev.envelope;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects what one {@code java.util.logging} logger publishes, from {@link #of} until {@link #close()}. */
final class CapturedLog extends Handler implements AutoCloseable {
  private final Logger logger;
  private final List<LogRecord> records = new ArrayList<>();

  private CapturedLog(Logger logger) {
    this.logger = logger;
  }

  /** Starts collecting the records published to the logger {@code name}. */
  static CapturedLog of(String name) {
    CapturedLog log = new CapturedLog(Logger.getLogger(name));
    log.logger.addHandler(log);
    return log;
  }

  @Override
  public synchronized void publish(LogRecord record) {
    records.add(record);
  }

  /** Returns the messages of the records collected so far, in order. */
  synchronized List<String> messages() {
    List<String> messages = new ArrayList<>(records.size());
    for (LogRecord record : records) {
      messages.add(record.getMessage());
    }
    return messages;
  }

  @Override
  public void flush() {}

  /** Stops collecting. */
  @Override
  public void close() {
    logger.removeHandler(this);
  }
}
