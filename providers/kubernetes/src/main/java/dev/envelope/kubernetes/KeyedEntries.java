package dev.envelope.kubernetes;

import dev.envelope.spi.ProviderException;
import dev.envelope.spi.ProviderSnapshot;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns the keys of one secret source (a directory, a Secret's {@code data}) into entries: maps and
 * prefixes each key, refuses two keys that give one variable, and decodes each value.
 */
final class KeyedEntries {
  private final KeyMapping keyMapping;
  private final String prefix;
  private final boolean trimTrailingNewline;
  private final Map<String, ProviderSnapshot.Entry> entries = new LinkedHashMap<>();
  private final Map<String, String> sources = new LinkedHashMap<>();

  KeyedEntries(KeyMapping keyMapping, String prefix, boolean trimTrailingNewline) {
    this.keyMapping = keyMapping;
    this.prefix = prefix;
    this.trimTrailingNewline = trimTrailingNewline;
  }

  /**
   * Adds {@code key} unless the mapping skips it.
   *
   * @param where names the key in messages: its path, or {@code key 'x' of Secret ns/name}
   * @param origin the entry's origin
   * @throws ProviderException if another key gave the same variable, or the value is not UTF-8
   */
  void add(String key, byte[] content, String where, String origin) throws ProviderException {
    String variable = keyMapping.variableFor(key);
    if (variable == null) {
      return;
    }
    variable = prefix + variable;
    String clash = sources.putIfAbsent(variable, where);
    if (clash != null) {
      throw new ProviderException(
          "both " + clash + " and " + where + " give " + variable + "; rename one of the keys");
    }
    String value = SecretText.decode(content, trimTrailingNewline, where);
    entries.put(variable, new ProviderSnapshot.Entry(variable, value, origin, true));
  }

  /** Returns the entries added, in order. */
  Collection<ProviderSnapshot.Entry> entries() {
    return entries.values();
  }
}
