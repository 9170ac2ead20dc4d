package dev.envelope.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Exposes an Envelope provider as a MicroProfile {@link ConfigSource}, so that SmallRye Config and
 * Quarkus applications can read Doppler, AWS Secrets Manager or mounted secrets without Envelope's
 * loader.
 *
 * <p>The provider is fetched once, when the source is created; a failure is thrown then, with the
 * provider's message. {@link #getName()} is the provider's name; values are never printed by {@link
 * #toString()}. Immutable and thread-safe.
 */
public final class ProviderConfigSource implements ConfigSource {
  private final String name;
  private final int ordinal;
  private final Map<String, String> values;

  private ProviderConfigSource(String name, int ordinal, Map<String, String> values) {
    this.name = name;
    this.ordinal = ordinal;
    this.values = values;
  }

  /**
   * Fetches {@code provider} for {@code request} and returns its entries as a config source with
   * {@code ordinal}.
   *
   * @throws ProviderException if the provider cannot be read; the message names the provider
   */
  public static ProviderConfigSource of(EnvProvider provider, ProviderRequest request, int ordinal)
      throws ProviderException {
    ProviderSnapshot snapshot;
    try {
      snapshot = provider.fetch(request);
    } catch (ProviderException e) {
      throw new ProviderException(provider.name() + ": " + e.getMessage(), e);
    } catch (Exception e) {
      throw new ProviderException(provider.name() + " failed: " + e.getClass().getSimpleName(), e);
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (ProviderSnapshot.Entry entry : snapshot.entries()) {
      values.put(entry.name(), entry.value());
    }
    return new ProviderConfigSource(provider.name(), ordinal, Collections.unmodifiableMap(values));
  }

  @Override
  public Map<String, String> getProperties() {
    return values;
  }

  @Override
  public Set<String> getPropertyNames() {
    return values.keySet();
  }

  @Override
  public String getValue(String propertyName) {
    return values.get(propertyName);
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public int getOrdinal() {
    return ordinal;
  }

  /** Returns the name, ordinal and number of entries; never values. */
  @Override
  public String toString() {
    return "ProviderConfigSource[" + name + ", ordinal " + ordinal + ", " + values.size() + " entries]";
  }
}
