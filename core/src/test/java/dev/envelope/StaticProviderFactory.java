package dev.envelope;

import dev.envelope.spi.EnvProvider;
import dev.envelope.spi.EnvProviderFactory;
import dev.envelope.spi.ProviderException;
import dev.envelope.spi.ProviderRequest;
import dev.envelope.spi.ProviderSnapshot;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * A provider factory for tests, registered through ServiceLoader: {@code static:NAME=value;NAME2=value}
 * serves those entries, {@code static:fail} fails. Records how many URIs it received per call.
 */
public final class StaticProviderFactory implements EnvProviderFactory {
  static final List<Integer> CALLS = java.util.Collections.synchronizedList(new ArrayList<>());

  @Override
  public String scheme() {
    return "static";
  }

  @Override
  public List<EnvProvider> create(List<URI> uris) {
    CALLS.add(uris.size());
    List<EnvProvider> providers = new ArrayList<>();
    for (URI uri : uris) {
      String spec = uri.getSchemeSpecificPart();
      if (spec.equals("malformed")) {
        throw new IllegalArgumentException("'" + uri + "' is not of the form static:NAME=value");
      }
      providers.add(new EnvProvider() {
        @Override
        public String name() {
          return "static " + (spec.contains("=") ? spec.substring(0, spec.indexOf('=')) : spec);
        }

        @Override
        public ProviderSnapshot fetch(dev.envelope.spi.ProviderRequest request) throws Exception {
          if (spec.equals("fail")) {
            throw new dev.envelope.spi.ProviderException("static provider asked to fail");
          }
          ProviderSnapshot.Builder snapshot = ProviderSnapshot.builder();
          for (String pair : spec.split(";")) {
            String[] parts = pair.split("=", 2);
            snapshot.put(parts[0], parts[1], name());
          }
          return snapshot.build();
        }
      });
    }
    return providers;
  }
}
