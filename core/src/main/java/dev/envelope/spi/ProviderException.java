package dev.envelope.spi;

/**
 * Thrown by a provider whose source cannot be read, with a message fit to show people: what failed,
 * the service's own explanation where it gives one, and never a credential or a secret value.
 */
public final class ProviderException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message fit to show people. */
  public ProviderException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message fit to show people, and the cause for debugging. The cause's
   * own message is not shown in Envelope's problems: put what matters of it in {@code message}.
   */
  public ProviderException(String message, Throwable cause) {
    super(message, cause);
  }
}
