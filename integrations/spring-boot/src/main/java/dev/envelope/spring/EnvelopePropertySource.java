package dev.envelope.spring;

import dev.envelope.spi.ProviderSnapshot;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Holds what one Envelope provider returned for {@code spring.config.import}, each value with its
 * Envelope origin ({@code doppler api/prd}).
 *
 * <p>Provider keys are environment-variable names ({@code DATABASE_PASSWORD}), so the source is a
 * {@link SystemEnvironmentPropertySource} and its name ends in {@code -systemEnvironment}: that is
 * how Spring Boot knows to bind {@code spring.datasource.password} and {@code ${app.url}} to such
 * keys. Every value is treated as sensitive: actuator's {@code /env} and {@code /configprops} mask
 * it. {@link #toString()} never shows a value.
 */
final class EnvelopePropertySource extends SystemEnvironmentPropertySource implements OriginLookup<String> {
  private final String providerName;
  private final Map<String, Origin> origins;

  EnvelopePropertySource(String providerName, ProviderSnapshot snapshot) {
    super("envelope " + providerName + "-systemEnvironment", values(snapshot));
    this.providerName = providerName;
    Map<String, Origin> origins = new LinkedHashMap<>();
    for (ProviderSnapshot.Entry entry : snapshot.entries()) {
      origins.put(entry.name(), new EnvelopeOrigin(entry.origin()));
    }
    this.origins = Collections.unmodifiableMap(origins);
  }

  private static Map<String, Object> values(ProviderSnapshot snapshot) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (ProviderSnapshot.Entry entry : snapshot.entries()) {
      values.put(entry.name(), entry.value());
    }
    return Collections.unmodifiableMap(values);
  }

  /** Returns the name of the provider, as Envelope's origins show it. */
  String providerName() {
    return providerName;
  }

  @Override
  public Origin getOrigin(String key) {
    String name = resolvePropertyName(key);
    return name == null ? null : origins.get(name);
  }

  @Override
  public boolean isImmutable() {
    return true;
  }

  /** Returns the source's name and its number of entries, never a value. */
  @Override
  public String toString() {
    return "EnvelopePropertySource[" + providerName + ", " + origins.size() + " entries]";
  }

  /** Where a value came from, in Envelope's words. */
  private record EnvelopeOrigin(String text) implements Origin {
    @Override
    public String toString() {
      return text;
    }
  }
}
