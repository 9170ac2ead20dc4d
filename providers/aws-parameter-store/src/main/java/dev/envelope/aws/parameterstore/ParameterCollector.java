package dev.envelope.aws.parameterstore;

import dev.envelope.aws.common.AwsFailures;
import dev.envelope.spi.ProviderException;
import dev.envelope.spi.ProviderSnapshot;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.SsmException;

/**
 * Turns the selections of one fetch into a snapshot: reads every name in as few calls as allowed,
 * then every path, and collects what went wrong with each (access denied, invalid names, two
 * parameters for one variable) so that all of it is reported at once. Not thread-safe: one per fetch.
 */
final class ParameterCollector {
  /** Error codes that concern one path or batch of names, not the call: the others can still be read. */
  private static final Set<String> PER_SELECTION_ERRORS =
      Set.of("AccessDeniedException", "ParameterNotFound", "ValidationException", "InvalidKeyId");

  private final ParameterReader reader;
  private final String where;
  private final ProviderSnapshot.Builder snapshot = ProviderSnapshot.builder();
  private final Set<String> taken = new HashSet<>();
  private final List<String> problems = new ArrayList<>();
  private final Map<String, Set<String>> listing = new LinkedHashMap<>();

  ParameterCollector(ParameterReader reader, String where) {
    this.reader = reader;
    this.where = where;
  }

  /**
   * Reads {@code selections} and returns their snapshot, still to be built; {@link #listing()} then
   * holds what was read.
   *
   * @throws ProviderException naming every selection that could not be read
   */
  ProviderSnapshot.Builder collect(List<Selection> selections) throws ProviderException {
    ParameterReader.Found found = readNames(selections);
    for (Selection selection : selections) {
      if (selection instanceof Selection.Named named) {
        Parameter parameter = found.parameters().get(named.requestName());
        if (parameter != null) {
          VersionListing.add(listing, named, parameter.name(), parameter.version());
          add(named.variable(), parameter);
        } else if (found.invalid().contains(named.requestName())) {
          problems.add(named.describe() + ": Parameter Store lists it among InvalidParameters: no such parameter"
              + (named.selector().isEmpty() ? "" : ", version or label") + " in " + where);
        }
      } else {
        readPath((Selection.Path) selection);
      }
    }
    if (!problems.isEmpty()) {
      throw new ProviderException(
          (problems.size() == 1 ? "" : problems.size() + " problems: ") + String.join("; ", problems));
    }
    return snapshot;
  }

  /** Returns the name and version of every parameter read, by selection; see {@link VersionListing}. */
  Map<String, Set<String>> listing() {
    return listing;
  }

  private ParameterReader.Found readNames(List<Selection> selections) {
    Set<String> names = new LinkedHashSet<>();
    for (Selection selection : selections) {
      if (selection instanceof Selection.Named named) {
        names.add(named.requestName());
      }
    }
    if (names.isEmpty()) {
      return new ParameterReader.Found(Map.of(), List.of());
    }
    try {
      return reader.byNames(new ArrayList<>(names));
    } catch (SsmException e) {
      String code = AwsFailures.errorCode(e);
      if (!PER_SELECTION_ERRORS.contains(String.valueOf(code))) {
        throw e;
      }
      problems.add(String.join(", ", names) + ": " + denied(e, code, "ssm:GetParameters", "these parameters"));
      return new ParameterReader.Found(Map.of(), List.of());
    }
  }

  private void readPath(Selection.Path path) {
    List<Parameter> parameters;
    try {
      parameters = reader.byPath(path);
    } catch (SsmException e) {
      String code = AwsFailures.errorCode(e);
      if (!PER_SELECTION_ERRORS.contains(String.valueOf(code))) {
        throw e;
      }
      problems.add(path.path() + ": " + denied(e, code, "ssm:GetParametersByPath", "this path"));
      return;
    } catch (IllegalStateException e) {
      problems.add(e.getMessage());
      return;
    }
    if (parameters.isEmpty()) {
      problems.add(path.path() + ": no parameters under this path in " + where + "; check the path, the region and"
          + " that the role may read them (ssm:GetParametersByPath lists only what it may read)");
      return;
    }
    Map<String, String> sources = new LinkedHashMap<>();
    for (Parameter parameter : parameters) {
      VersionListing.add(listing, path, parameter.name(), parameter.version());
      String variable = path.variableFor(parameter.name());
      String earlier = sources.putIfAbsent(variable, parameter.name());
      if (earlier != null) {
        problems.add(path.path() + ": " + earlier + " and " + parameter.name() + " both become " + variable
            + "; rename one of them");
      }
    }
    for (Parameter parameter : parameters) {
      String variable = path.variableFor(parameter.name());
      if (parameter.name().equals(sources.get(variable))) {
        add(variable, parameter);
      }
    }
  }

  /** Describes an error about one selection, naming the IAM permission that would allow it. */
  private static String denied(SsmException e, String code, String action, String what) {
    String message = String.valueOf(e.awsErrorDetails().errorMessage()).strip();
    String needed =
        message.contains("kms:") || code.equals("InvalidKeyId")
            ? "allow kms:Decrypt on the KMS key of its SecureString parameters"
            : code.equals("AccessDeniedException") ? "allow " + action + " on " + what : "check the name";
    return code + ": " + (message.endsWith(".") ? message.substring(0, message.length() - 1) : message) + "; " + needed;
  }

  private void add(String variable, Parameter parameter) {
    if (!taken.add(variable)) {
      return;
    }
    String origin = AwsParameterStoreProvider.ORIGIN_PREFIX + parameter.name()
        + (parameter.version() == null ? "" : " (version " + parameter.version() + ")");
    String value = parameter.value() == null ? "" : parameter.value();
    if (parameter.type() == ParameterType.SECURE_STRING) {
      snapshot.secret(variable, value, origin);
    } else {
      snapshot.put(variable, value, origin);
    }
  }
}
