package dev.envelope.aws.parameterstore;

import dev.envelope.aws.common.AwsDeadline;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathResponse;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;

/**
 * Reads parameters with as few calls as Parameter Store allows: {@code GetParametersByPath} a page of
 * {@value #PAGE_SIZE} at a time, following {@code NextToken} to the last page, and {@code
 * GetParameters} for up to {@value #NAMES_PER_CALL} names a call; always decrypted. The SDK's
 * exceptions are thrown as they are. Not thread-safe: one per fetch.
 */
final class ParameterReader {
  /** The most parameters {@code GetParametersByPath} returns a page. */
  static final int PAGE_SIZE = 10;
  /** The most names {@code GetParameters} accepts a call. */
  static final int NAMES_PER_CALL = 10;

  private final SsmClient client;
  private final AwsDeadline deadline;

  ParameterReader(SsmClient client, AwsDeadline deadline) {
    this.client = client;
    this.deadline = deadline;
  }

  /** What {@link #byNames} found: the parameters by the name asked for, and the names Parameter Store called invalid. */
  record Found(Map<String, Parameter> parameters, List<String> invalid) {}

  /**
   * Returns every parameter below {@code path}, in the order Parameter Store listed them.
   *
   * @throws IllegalStateException if Parameter Store hands out the same page token twice
   */
  List<Parameter> byPath(Selection.Path path) {
    List<Parameter> parameters = new ArrayList<>();
    Set<String> tokens = new HashSet<>();
    String token = null;
    do {
      String pageToken = token;
      GetParametersByPathResponse page =
          client.getParametersByPath(
              b -> b.path(path.requestPath())
                  .recursive(true)
                  .withDecryption(true)
                  .maxResults(PAGE_SIZE)
                  .nextToken(pageToken)
                  .overrideConfiguration(deadline.override()));
      parameters.addAll(page.parameters());
      token = page.nextToken();
      if (token != null && !tokens.add(token)) {
        throw new IllegalStateException("Parameter Store returned the same NextToken twice for " + path.path());
      }
    } while (token != null && !token.isEmpty());
    return parameters;
  }

  /** Reads {@code names} ({@code name}, {@code name:3}, {@code name:label}), ten a call. */
  Found byNames(List<String> names) {
    Map<String, Parameter> parameters = new LinkedHashMap<>();
    List<String> invalid = new ArrayList<>();
    for (int start = 0; start < names.size(); start += NAMES_PER_CALL) {
      List<String> chunk = names.subList(start, Math.min(names.size(), start + NAMES_PER_CALL));
      GetParametersResponse response =
          client.getParameters(b -> b.names(chunk).withDecryption(true).overrideConfiguration(deadline.override()));
      for (Parameter parameter : response.parameters()) {
        String asked = parameter.selector() == null ? parameter.name() : parameter.name() + parameter.selector();
        parameters.put(chunk.contains(asked) ? asked : parameter.name(), parameter);
      }
      invalid.addAll(response.invalidParameters());
    }
    return new Found(parameters, invalid);
  }
}
