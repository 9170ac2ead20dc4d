package dev.envelope.junit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the variable names a Kubernetes manifest provides, line by line, without a YAML library: the
 * keys of {@code data:} and {@code stringData:} in {@code Secret} and {@code ConfigMap} documents, and
 * the {@code name:} of every {@code env:} list entry (containers, init containers). Understands
 * block-style YAML as {@code kubectl} and Helm write it, several documents separated by {@code ---},
 * comments and quoted keys; not flow style ({@code env: [{name: A}]}), anchors, or {@code envFrom}
 * prefixes.
 */
final class KubernetesManifestNames {
  private static final Pattern KEY =
      Pattern.compile("^(?:\"([^\"]+)\"|'([^']+)'|([^\\s:#'\"{\\[][^:#]*?))\\s*:(?:\\s+(.*))?$");
  private static final Set<String> DATA_KINDS = Set.of("Secret", "ConfigMap", "List");

  private enum BlockType { DATA, ENV }

  private final Set<String> names = new LinkedHashSet<>();
  private final List<String> documentData = new ArrayList<>();
  private final List<String> documentEnv = new ArrayList<>();
  private String kind;
  private BlockType block;
  private int blockIndent;
  private int childIndent;
  private int itemKeyIndent;

  private KubernetesManifestNames() {}

  /** Returns the names {@code yaml} provides, in the order they appear. */
  static Set<String> read(String yaml) {
    KubernetesManifestNames reader = new KubernetesManifestNames();
    for (String line : yaml.split("\\R", -1)) {
      reader.line(line);
    }
    reader.endDocument();
    return reader.names;
  }

  private void line(String line) {
    String trimmed = line.strip();
    if (trimmed.isEmpty() || trimmed.startsWith("#")) {
      return;
    }
    if (line.startsWith("---") || line.startsWith("...")) {
      endDocument();
      return;
    }
    int indent = indentOf(line);
    if (block == BlockType.DATA && indent > blockIndent) {
      if (childIndent < 0) {
        childIndent = indent;
      }
      if (indent == childIndent) {
        key(trimmed).ifPresent(key -> documentData.add(key.name()));
      }
      return;
    }
    if (block == BlockType.ENV && (indent > blockIndent || (indent == blockIndent && trimmed.startsWith("-")))) {
      envLine(trimmed, indent);
      return;
    }
    block = null;
    int keyIndent = indent;
    String content = trimmed;
    while (content.startsWith("- ")) {
      String rest = content.substring(2).stripLeading();
      keyIndent += content.length() - rest.length();
      content = rest;
    }
    int itemIndent = keyIndent;
    key(content).ifPresent(key -> open(key, indent, itemIndent));
  }

  private void open(Key key, int lineIndent, int keyIndent) {
    if (lineIndent == 0 && key.name().equals("kind")) {
      kind = key.value();
    } else if (key.value().isEmpty() && (key.name().equals("data") || key.name().equals("stringData"))) {
      start(BlockType.DATA, keyIndent);
    } else if (key.value().isEmpty() && key.name().equals("env")) {
      start(BlockType.ENV, keyIndent);
    }
  }

  private void start(BlockType type, int indent) {
    block = type;
    blockIndent = indent;
    childIndent = -1;
    itemKeyIndent = -1;
  }

  /** Reads one line of an {@code env:} list: an item's first line or one of its further keys. */
  private void envLine(String trimmed, int indent) {
    if (trimmed.startsWith("-")) {
      if (childIndent < 0) {
        childIndent = indent;
      }
      if (indent != childIndent) {
        return;
      }
      String rest = trimmed.substring(1).stripLeading();
      itemKeyIndent = indent + (trimmed.length() - rest.length());
      name(rest);
    } else if (indent == itemKeyIndent) {
      name(trimmed);
    }
  }

  private void name(String content) {
    key(content).filter(key -> key.name().equals("name") && !key.value().isEmpty()).ifPresent(key -> documentEnv.add(key.value()));
  }

  private void endDocument() {
    if (kind == null || DATA_KINDS.contains(kind)) {
      names.addAll(documentData);
    }
    names.addAll(documentEnv);
    documentData.clear();
    documentEnv.clear();
    kind = null;
    block = null;
  }

  private static int indentOf(String line) {
    int indent = 0;
    while (indent < line.length() && line.charAt(indent) == ' ') {
      indent++;
    }
    return indent;
  }

  /** A {@code key: value} line; the value without comment or quotes, empty for a nested block. */
  private record Key(String name, String value) {}

  private static Optional<Key> key(String content) {
    Matcher matcher = KEY.matcher(content);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(2) != null ? matcher.group(2) : matcher.group(3).strip();
    return Optional.of(new Key(name, scalar(matcher.group(4))));
  }

  private static String scalar(String raw) {
    if (raw == null) {
      return "";
    }
    String value = raw.strip();
    if (value.startsWith("#")) {
      return "";
    }
    if (value.startsWith("\"") || value.startsWith("'")) {
      int end = value.indexOf(value.charAt(0), 1);
      return end > 0 ? value.substring(1, end) : value.substring(1);
    }
    int comment = value.indexOf(" #");
    return (comment >= 0 ? value.substring(0, comment) : value).strip();
  }
}
