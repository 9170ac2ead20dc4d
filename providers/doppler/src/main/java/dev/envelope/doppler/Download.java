package dev.envelope.doppler;

import java.util.Map;

/**
 * The result of a successful request: the config's secrets and their ETag, or, for a conditional
 * request, that they have not changed.
 *
 * @param secrets the secrets in Doppler's order; null when {@code notModified}
 * @param etag the ETag to send next time, or null if Doppler sent none
 * @param notModified whether Doppler answered 304 to {@code If-None-Match}
 */
record Download(Map<String, String> secrets, String etag, boolean notModified) {
  static Download notModifiedSince() {
    return new Download(null, null, true);
  }

  @Override
  public String toString() {
    return notModified ? "Download[304]" : "Download[" + secrets.size() + " secrets]";
  }
}
