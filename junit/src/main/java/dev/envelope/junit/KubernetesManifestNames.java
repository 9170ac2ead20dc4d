package dev.envelope.junit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the variable names Kubernetes manifests provide, from their parsed YAML documents ({@link
 * YamlDocuments}): the {@code name} of every {@code env} entry of every container; for each {@code
 * envFrom}, the keys of the Secret or ConfigMap it names, with its {@code prefix}; for each Secret
 * volume a container mounts, its {@code items}' paths or else the Secret's keys, mapped as
 * envelope-kubernetes's mounted-secrets provider maps file names ({@code db/password} becomes {@code
 * DB_PASSWORD}); and the keys of {@code data} and {@code stringData} of a Secret or ConfigMap that no
 * workload of the manifests refers to (it may be used from elsewhere). A reference to a Secret or
 * ConfigMap the manifests do not define provides names that cannot be known; it is listed in {@link
 * #unresolved()}.
 *
 * <p>Secrets that an operator makes from a secrets store count as defined: an External Secrets
 * Operator {@code ExternalSecret} defines the Secret {@code spec.target.name} (else its own name)
 * with the keys of its {@code target.template.data}, else of its {@code data} entries'
 * {@code secretKey}s (both with {@code mergePolicy: Merge}); its {@code dataFrom} and a template's
 * {@code templateFrom} bring keys only the store or another resource knows. With {@code
 * creationPolicy: Merge} it adds its keys to a Secret made elsewhere; with {@code None} it makes
 * nothing. A Doppler Kubernetes Operator {@code DopplerSecret} defines {@code
 * spec.managedSecret.name}: with the names its {@code secrets} lists (as its {@code processors}'
 * {@code asName} renames them), else with every name of the Doppler config, which only Doppler
 * knows; a {@code nameTransformer} renames them in a way not followed here. A reference to a Secret
 * with keys only the store knows provides what is known and is listed in {@link #unresolved()} too.
 */
final class KubernetesManifestNames {
  private static final Set<String> DATA_KINDS = Set.of("Secret", "ConfigMap");
  private static final List<String> CONTAINER_LISTS = List.of("initContainers", "containers", "ephemeralContainers");

  /** A Secret's or ConfigMap's keys as some workload uses them: mapped as files, or with an envFrom prefix. */
  private record Reference(String kind, String name, String prefix, boolean asFiles, String where) {}

  /**
   * A Secret or ConfigMap defined in the manifests; {@code storeKeys} says, for a Secret an operator
   * makes, what else brings keys the manifests cannot show (null: none).
   */
  private record Definition(String kind, String name, List<String> keys, String storeKeys) {
    Definition(String kind, String name, List<String> keys) {
      this(kind, name, keys, null);
    }
  }

  /** In document order: names, references and definitions, resolved once every document is read. */
  private final List<Object> sequence = new ArrayList<>();
  private final Map<String, Definition> definitions = new LinkedHashMap<>();
  /** What ExternalSecrets with {@code creationPolicy: Merge} add to a Secret, by {@code Secret/name}. */
  private final Map<String, List<Definition>> merged = new LinkedHashMap<>();
  private final Set<String> referenced = new LinkedHashSet<>();
  private final List<String> unresolved = new ArrayList<>();
  private final Set<String> names = new LinkedHashSet<>();

  private KubernetesManifestNames() {}

  /** Returns the names one manifest's text provides, in the order they appear. */
  static Set<String> read(String yaml) {
    return read(List.of(yaml), List.of("the manifest")).names;
  }

  /**
   * Returns the reader of {@code yamls} read together, so that a Deployment in one file can refer to a
   * Secret in another; {@code sources} names each for messages.
   *
   * @throws IllegalArgumentException if one is not valid YAML (by position, never quoting it)
   */
  static KubernetesManifestNames read(List<String> yamls, List<String> sources) {
    KubernetesManifestNames reader = new KubernetesManifestNames();
    for (int i = 0; i < yamls.size(); i++) {
      for (Object document : YamlDocuments.parse(yamls.get(i), sources.get(i))) {
        reader.document(document);
      }
    }
    reader.resolve();
    return reader;
  }

  Set<String> names() {
    return names;
  }

  /** Returns the references whose names cannot be known: {@code Secret app-secrets (envFrom of container app)}. */
  List<String> unresolved() {
    return unresolved;
  }

  private void document(Object document) {
    if (!(document instanceof Map<?, ?> map)) {
      return;
    }
    String kind = text(map.get("kind"));
    if ("List".equals(kind) || kind == null && map.get("items") instanceof List<?>) {
      for (Object item : list(map.get("items"))) {
        document(item);
      }
      return;
    }
    String apiVersion = text(map.get("apiVersion"));
    if ("ExternalSecret".equals(kind) && apiVersion != null && apiVersion.startsWith("external-secrets.io/")) {
      String policy = text(map(map(map.get("spec")).get("target")).get("creationPolicy"));
      Definition definition = externalSecret(map);
      if ("Merge".equals(policy)) {
        merged.computeIfAbsent("Secret/" + definition.name(), any -> new ArrayList<>()).add(definition);
      } else if (!"None".equals(policy)) {
        define(definition);
      }
      return;
    }
    if ("DopplerSecret".equals(kind) && apiVersion != null && apiVersion.startsWith("secrets.doppler.com/")) {
      define(dopplerSecret(map));
      return;
    }
    if (kind == null || DATA_KINDS.contains(kind)) {
      List<String> keys = new ArrayList<>();
      keys.addAll(keys(map.get("data")));
      keys.addAll(keys(map.get("stringData")));
      String name = text(map(map.get("metadata")).get("name"));
      Definition definition = new Definition(kind == null ? "Secret" : kind, name, keys);
      if (name != null && kind != null) {
        definitions.putIfAbsent(kind + "/" + name, definition);
      }
      sequence.add(definition);
    }
    walk(map);
  }

  private void define(Definition definition) {
    if (definition.name() != null) {
      definitions.putIfAbsent(definition.kind() + "/" + definition.name(), definition);
    }
    sequence.add(definition);
  }

  /** Returns the Secret an ExternalSecret makes: its target's name and the keys the manifest shows. */
  private static Definition externalSecret(Map<?, ?> externalSecret) {
    Map<?, ?> spec = map(externalSecret.get("spec"));
    Map<?, ?> target = map(spec.get("target"));
    String own = text(map(externalSecret.get("metadata")).get("name"));
    String name = text(target.get("name")) != null ? text(target.get("name")) : own;
    List<String> fromData = new ArrayList<>();
    for (Object entry : list(spec.get("data"))) {
      String key = text(map(entry).get("secretKey"));
      if (key != null) {
        fromData.add(key);
      }
    }
    Map<?, ?> template = map(target.get("template"));
    boolean merge = "Merge".equals(text(template.get("mergePolicy")));
    boolean templateFrom = !list(template.get("templateFrom")).isEmpty();
    // A template without data or templateFrom leaves the data entries' keys, as the operator does.
    boolean templated = !map(template.get("data")).isEmpty() || templateFrom;
    List<String> keys = new ArrayList<>(keys(template.get("data")));
    if (!templated || merge) {
      keys.addAll(fromData);
    }
    String storeKeys = null;
    if (!list(spec.get("dataFrom")).isEmpty() && (!templated || merge)) {
      storeKeys = "ExternalSecret " + own + " brings the keys its dataFrom finds in the store";
    } else if (templateFrom) {
      storeKeys = "ExternalSecret " + own + " takes keys from its template's templateFrom";
    }
    return new Definition("Secret", name, keys, storeKeys);
  }

  /** Returns the Secret a DopplerSecret makes: the names it lists, else every name of the config. */
  private static Definition dopplerSecret(Map<?, ?> dopplerSecret) {
    Map<?, ?> spec = map(dopplerSecret.get("spec"));
    String own = "DopplerSecret " + text(map(dopplerSecret.get("metadata")).get("name"));
    String name = text(map(spec.get("managedSecret")).get("name"));
    String transformer = text(spec.get("nameTransformer"));
    if (transformer != null) {
      return new Definition("Secret", name, List.of(), own + " renames the Doppler names with nameTransformer "
          + transformer);
    }
    List<String> keys = new ArrayList<>();
    for (Object listed : list(spec.get("secrets"))) {
      String secret = text(listed);
      if (secret != null) {
        String renamed = text(map(map(spec.get("processors")).get(secret)).get("asName"));
        keys.add(renamed != null ? renamed : secret);
      }
    }
    if (!keys.isEmpty()) {
      return new Definition("Secret", name, keys);
    }
    String config = text(spec.get("project")) + "/" + text(spec.get("config"));
    return new Definition("Secret", name, List.of(),
        own + " copies every secret of its Doppler config" + (config.equals("null/null") ? "" : " " + config));
  }

  /** Finds every pod spec (a map with containers) at any depth: Deployments, Jobs, CronJobs, Pods. */
  private void walk(Object node) {
    if (node instanceof Map<?, ?> map) {
      if (map.get("containers") instanceof List<?>) {
        podSpec(map);
        return;
      }
      for (Object value : map.values()) {
        walk(value);
      }
    } else if (node instanceof List<?> list) {
      for (Object item : list) {
        walk(item);
      }
    }
  }

  private void podSpec(Map<?, ?> spec) {
    Map<String, Map<?, ?>> secretVolumes = new LinkedHashMap<>();
    for (Object volume : list(spec.get("volumes"))) {
      Map<?, ?> entry = map(volume);
      String name = text(entry.get("name"));
      if (name != null && entry.get("secret") instanceof Map<?, ?> secret) {
        secretVolumes.put(name, secret);
      }
    }
    for (String containers : CONTAINER_LISTS) {
      for (Object item : list(spec.get(containers))) {
        container(map(item), secretVolumes);
      }
    }
  }

  private void container(Map<?, ?> container, Map<String, Map<?, ?>> secretVolumes) {
    String where = "container " + text(container.get("name"));
    for (Object env : list(container.get("env"))) {
      String name = text(map(env).get("name"));
      if (name != null && !name.isEmpty()) {
        sequence.add(name);
      }
    }
    for (Object from : list(container.get("envFrom"))) {
      Map<?, ?> source = map(from);
      String prefix = text(source.get("prefix"));
      for (String kind : List.of("Secret", "ConfigMap")) {
        Map<?, ?> ref = map(source.get(kind.equals("Secret") ? "secretRef" : "configMapRef"));
        String name = text(ref.get("name"));
        if (name != null) {
          sequence.add(new Reference(kind, name, prefix == null ? "" : prefix, false, "envFrom of " + where));
          referenced.add(kind + "/" + name);
        }
      }
    }
    for (Object mount : list(container.get("volumeMounts"))) {
      Map<?, ?> secret = secretVolumes.get(text(map(mount).get("name")));
      if (secret == null) {
        continue;
      }
      String secretName = text(secret.get("secretName"));
      List<?> items = list(secret.get("items"));
      if (!items.isEmpty()) {
        for (Object item : items) {
          String path = text(map(item).get("path"));
          if (path != null) {
            sequence.add(fileName(path));
          }
        }
      } else if (secretName != null) {
        sequence.add(new Reference("Secret", secretName, "", true, "volume of " + where));
      }
      if (secretName != null) {
        referenced.add("Secret/" + secretName);
      }
    }
  }

  private void resolve() {
    for (Object entry : sequence) {
      if (entry instanceof String name) {
        names.add(name);
      } else if (entry instanceof Definition definition) {
        if (!referenced.contains(definition.kind() + "/" + definition.name())) {
          names.addAll(definition.keys());
        }
      } else if (entry instanceof Reference reference) {
        String id = reference.kind() + "/" + reference.name();
        Definition definition = definitions.get(id);
        List<Definition> parts = new ArrayList<>();
        if (definition != null) {
          parts.add(definition);
        }
        parts.addAll(merged.getOrDefault(id, List.of()));
        if (parts.isEmpty()) {
          unresolved.add(reference.kind() + " " + reference.name() + " (" + reference.where() + ")");
          continue;
        }
        List<String> why = new ArrayList<>();
        if (definition == null) {
          why.add("ExternalSecrets merge keys into it, but the manifests do not define it");
        }
        for (Definition part : parts) {
          for (String key : part.keys()) {
            names.add(reference.asFiles() ? fileName(key) : reference.prefix() + key);
          }
          if (part.storeKeys() != null) {
            why.add(part.storeKeys());
          }
        }
        if (!why.isEmpty()) {
          unresolved.add(reference.kind() + " " + reference.name() + " (" + reference.where() + "; "
              + String.join("; ", why) + ")");
        }
      }
    }
  }

  /** Maps a mounted file's path as envelope-kubernetes's default key mapping does. */
  static String fileName(String path) {
    return path.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_').replace('/', '_');
  }

  private static List<String> keys(Object data) {
    List<String> keys = new ArrayList<>();
    for (Object key : map(data).keySet()) {
      if (key != null) {
        keys.add(String.valueOf(key));
      }
    }
    return keys;
  }

  private static Map<?, ?> map(Object node) {
    return node instanceof Map<?, ?> map ? map : Map.of();
  }

  private static List<?> list(Object node) {
    return node instanceof List<?> list ? list : List.of();
  }

  private static String text(Object node) {
    return node == null || node instanceof Map<?, ?> || node instanceof List<?> ? null : String.valueOf(node);
  }
}
