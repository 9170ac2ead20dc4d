package dev.envelope.aws;

import dev.envelope.spi.ProviderSnapshot;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonNodeParser;

/**
 * Turns the value of a secret into variables: each key of a JSON object becomes one variable (under
 * the secret's prefix), or the whole value becomes the one variable the configuration names.
 *
 * <p>Problems are added to a list and never contain a value: a secret that is not the JSON object
 * its configuration expects is reported by its id alone.
 */
final class SecretExpander {
  static final String ORIGIN_PREFIX = "aws-secretsmanager ";

  // Error locations would quote the text around a syntax error, that is, part of the secret.
  private static final JsonNodeParser PARSER = JsonNode.parserBuilder().removeErrorLocations(true).build();

  private SecretExpander() {}

  /**
   * Adds the variables of {@code secret} to {@code snapshot}, skipping names already in {@code seen}
   * (an earlier secret wins), and adds what is wrong with it to {@code problems}.
   */
  static void expand(
      AwsSecret secret,
      SecretReader.SecretValue value,
      ProviderSnapshot.Builder snapshot,
      Set<String> seen,
      List<String> problems) {
    String version = value.versionId == null ? "" : " (version " + value.versionId + ")";
    String origin = ORIGIN_PREFIX + secret.id();
    if (value.string == null && value.binary == null) {
      problems.add(secret.describe() + ": Secrets Manager returned neither a SecretString nor a SecretBinary");
      return;
    }
    if (secret.variable() != null) {
      String whole =
          value.string != null ? value.string : Base64.getEncoder().encodeToString(value.binary.asByteArrayUnsafe());
      if (seen.add(secret.variable())) {
        snapshot.put(secret.variable(), whole, origin + version);
      }
      return;
    }
    if (value.string == null) {
      problems.add(
          secret.describe()
              + ": the secret is binary, so it has no JSON keys to expand; read it into one variable"
              + " (name=VARIABLE in the URI, AwsSecret.plain in code) to get it as base64");
      return;
    }
    Map<String, JsonNode> object = parseObject(secret, value.string, problems);
    if (object == null) {
      return;
    }
    Set<String> ownNames = new HashSet<>();
    for (Map.Entry<String, JsonNode> key : object.entrySet()) {
      String name = secret.prefix() + variableName(key.getKey());
      JsonNode node = key.getValue();
      if (!ownNames.add(name)) {
        problems.add(secret.describe() + ": two keys become the variable " + name + "; rename one of them");
        continue;
      }
      if (node.isNull()) {
        continue;
      }
      String text = scalar(node);
      if (text == null) {
        problems.add(
            secret.describe() + ": key " + key.getKey()
                + " holds a JSON object or array; only strings, numbers and booleans become variables");
      } else if (seen.add(name)) {
        snapshot.put(name, text, origin + "#" + key.getKey() + version);
      }
    }
  }

  private static Map<String, JsonNode> parseObject(AwsSecret secret, String string, List<String> problems) {
    String usage = " (name=VARIABLE in the URI, AwsSecret.plain in code)";
    if (!string.stripLeading().startsWith("{")) {
      problems.add(
          secret.describe() + ": the secret is a plain string, not a JSON object of keys and values;"
              + " name the variable that should hold it" + usage);
      return null;
    }
    JsonNode parsed;
    try {
      parsed = PARSER.parse(string);
    } catch (RuntimeException e) {
      // The parser's message can quote the secret: report only that it is malformed.
      parsed = null;
    }
    if (parsed == null || !parsed.isObject()) {
      problems.add(
          secret.describe() + ": the SecretString is not valid JSON, so it cannot be expanded into"
              + " variables (the value is not shown); fix the secret, or read it whole into one variable" + usage);
      return null;
    }
    return parsed.asObject();
  }

  private static String scalar(JsonNode node) {
    if (node.isString()) {
      return node.asString();
    }
    if (node.isNumber()) {
      return node.asNumber();
    }
    if (node.isBoolean()) {
      return String.valueOf(node.asBoolean());
    }
    return null;
  }

  /**
   * Returns the variable name for a JSON key: upper case, with an underscore at each lower-to-upper
   * case change and in place of every character that is not an ASCII letter or digit, so that {@code
   * PASSWORD} stays {@code PASSWORD}, {@code dbInstanceIdentifier} becomes {@code
   * DB_INSTANCE_IDENTIFIER} and {@code db-name} becomes {@code DB_NAME}.
   */
  static String variableName(String key) {
    StringBuilder name = new StringBuilder(key.length() + 4);
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      boolean letterOrDigit = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!letterOrDigit) {
        name.append('_');
        continue;
      }
      if (i > 0 && Character.isUpperCase(c)) {
        char previous = key.charAt(i - 1);
        if ((previous >= 'a' && previous <= 'z') || (previous >= '0' && previous <= '9')) {
          name.append('_');
        }
      }
      name.append(Character.toUpperCase(c));
    }
    return name.toString();
  }
}
