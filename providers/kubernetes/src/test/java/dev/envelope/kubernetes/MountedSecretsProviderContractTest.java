package dev.envelope.kubernetes;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.envelope.junit.ProviderContract;
import dev.envelope.spi.EnvProvider;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

class MountedSecretsProviderContractTest extends ProviderContract {
  @TempDir Path root;

  // Keys are named as people name them in a Secret (contract-secret), so the default mapping is
  // part of what the contract checks; each value ends with the newline an editor adds.
  @Override
  protected EnvProvider providerServing(Map<String, String> entries) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    entries.forEach((name, value) ->
        files.put(name.toLowerCase(Locale.ROOT).replace('_', '-'), (value + "\n").getBytes(UTF_8)));
    Path mount = root.resolve("app");
    KubeletVolume.create(mount, files);
    return MountedSecretsProvider.of(mount);
  }

  @Override
  protected EnvProvider failingProvider() {
    return MountedSecretsProvider.of(root.resolve("not-mounted"));
  }
}
