package dev.envelope.aws.parameterstore;

import dev.envelope.aws.common.AwsDeadline;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.DescribeParametersResponse;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathResponse;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterMetadata;
import software.amazon.awssdk.services.ssm.model.ParameterStringFilter;

/**
 * Reads parameters with as few calls as Parameter Store allows: {@code GetParametersByPath} a page of
 * {@value #PAGE_SIZE} at a time, following {@code NextToken} to the last page, and {@code
 * GetParameters} for up to {@value #NAMES_PER_CALL} names a call; always decrypted. Versions
 * without values come from {@code DescribeParameters}, {@value #DESCRIBE_PAGE_SIZE} a page. The SDK's
 * exceptions are thrown as they are. Not thread-safe: one per fetch.
 */
final class ParameterReader {
  /** The most parameters {@code GetParametersByPath} returns a page. */
  static final int PAGE_SIZE = 10;
  /** The most names {@code GetParameters} accepts a call. */
  static final int NAMES_PER_CALL = 10;
  /** The most parameters {@code DescribeParameters} returns a page, and the most values one of its filters takes. */
  static final int DESCRIBE_PAGE_SIZE = 50;

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

  /**
   * Returns the version of every parameter below {@code path}, recursively, by name, from {@code
   * DescribeParameters}: no value, nothing decrypted.
   */
  Map<String, Long> versionsByPath(Selection.Path path) {
    return describe(ParameterStringFilter.builder().key("Path").option("Recursive").values(path.requestPath()).build(), path.path());
  }

  /** Returns the version of each of {@code names} that exists, by name, {@value #DESCRIBE_PAGE_SIZE} names a call. */
  Map<String, Long> versionsByName(List<String> names) {
    Map<String, Long> versions = new LinkedHashMap<>();
    for (int start = 0; start < names.size(); start += DESCRIBE_PAGE_SIZE) {
      List<String> chunk = names.subList(start, Math.min(names.size(), start + DESCRIBE_PAGE_SIZE));
      versions.putAll(describe(ParameterStringFilter.builder().key("Name").option("Equals").values(chunk).build(), chunk.get(0)));
    }
    return versions;
  }

  private Map<String, Long> describe(ParameterStringFilter filter, String what) {
    Map<String, Long> versions = new LinkedHashMap<>();
    Set<String> tokens = new HashSet<>();
    String token = null;
    do {
      String pageToken = token;
      DescribeParametersResponse page =
          client.describeParameters(
              b -> b.parameterFilters(filter)
                  .maxResults(DESCRIBE_PAGE_SIZE)
                  .nextToken(pageToken)
                  .overrideConfiguration(deadline.override()));
      for (ParameterMetadata parameter : page.parameters()) {
        versions.put(parameter.name(), parameter.version());
      }
      token = page.nextToken();
      if (token != null && !tokens.add(token)) {
        throw new IllegalStateException("Parameter Store returned the same NextToken twice for " + what);
      }
    } while (token != null && !token.isEmpty());
    return versions;
  }
}
