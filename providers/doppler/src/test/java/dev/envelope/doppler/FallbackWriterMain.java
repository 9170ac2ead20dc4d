package dev.envelope.doppler;

import dev.envelope.Profile;
import dev.envelope.spi.ProviderRequest;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * A process that loads once from Doppler and exits at once, as a CLI or a job does: arguments are
 * the API host, the token and the fallback file. Run by {@link FallbackLifecycleTest} in a JVM of
 * its own.
 */
final class FallbackWriterMain {
  private FallbackWriterMain() {}

  public static void main(String[] arguments) throws Exception {
    DopplerProvider provider = DopplerProvider.builder()
        .apiHost(arguments[0]).token(arguments[1]).project("api").config("prd")
        .fallbackFile(Path.of(arguments[2])).build();
    provider.fetch(ProviderRequest.of(Profile.PRODUCTION, Set.of(), Map.of()));
    // Returns at once: only the JVM's exit stands between the download and the file.
  }
}
