package dev.envelope.doppler;

/**
 * Thrown when Doppler could not be reached or kept answering 5xx after every retry: the only
 * failures after which the fallback file may be used. The message is fit to show people.
 */
final class DopplerUnavailableException extends Exception {
  private static final long serialVersionUID = 1L;

  DopplerUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
