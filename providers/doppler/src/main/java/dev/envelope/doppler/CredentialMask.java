package dev.envelope.doppler;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Masks a credential wherever a server, a proxy or a library echoes it, whole or in part. A
 * fragment counts from {@value #MIN_FRAGMENT} characters: shorter runs are too common in ordinary
 * text to tell apart from a credential, and too short to help an attacker guess one. A credential
 * shorter than that is masked where it appears whole.
 */
final class CredentialMask {
  /** The shortest run of a credential's characters that is masked wherever it appears. */
  static final int MIN_FRAGMENT = 8;

  private CredentialMask() {}

  /**
   * Returns {@code text} with every run of characters that holds a fragment of {@code credential}
   * ({@value #MIN_FRAGMENT} characters or more) replaced by {@code replacement}.
   */
  static String mask(String text, String credential, String replacement) {
    if (text == null || text.isEmpty() || credential == null || credential.isEmpty()) {
      return text == null ? "" : text;
    }
    if (credential.length() < MIN_FRAGMENT) {
      return text.replace(credential, replacement);
    }
    Set<String> fragments = new HashSet<>();
    for (int i = 0; i + MIN_FRAGMENT <= credential.length(); i++) {
      fragments.add(credential.substring(i, i + MIN_FRAGMENT));
    }
    boolean[] masked = new boolean[text.length()];
    boolean any = false;
    for (int i = 0; i + MIN_FRAGMENT <= text.length(); i++) {
      if (fragments.contains(text.substring(i, i + MIN_FRAGMENT))) {
        Arrays.fill(masked, i, i + MIN_FRAGMENT, true);
        any = true;
      }
    }
    if (!any) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      if (!masked[i]) {
        out.append(text.charAt(i));
      } else if (i == 0 || !masked[i - 1]) {
        out.append(replacement);
      }
    }
    return out.toString();
  }
}
