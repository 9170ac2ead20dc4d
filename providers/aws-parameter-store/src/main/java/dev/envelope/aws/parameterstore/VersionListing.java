package dev.envelope.aws.parameterstore;

import dev.envelope.aws.common.AwsFailures;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.ssm.model.SsmException;

/**
 * Tells whether the parameters a provider reads still have the versions it read, without reading a
 * value: {@code DescribeParameters} lists names and versions, {@value ParameterReader#DESCRIBE_PAGE_SIZE}
 * a page, where {@code GetParametersByPath} returns ten values a page, decrypted. Every {@code
 * PutParameter} that overwrites a parameter gives it a new version, so equal listings mean equal values.
 *
 * <p>A listing is the name and version of each parameter, by selection; its digest is the snapshot's
 * version. A name pinned to a version ({@code :3}) needs no call; one selected by label cannot be
 * checked (a label moves without a new version, and {@code DescribeParameters} does not show labels),
 * nor one given as an ARN, so a provider with either has no version and reads in full. Not thread-safe: one per fetch.
 */
final class VersionListing {
  private final ParameterReader reader;
  private boolean denied;

  VersionListing(ParameterReader reader) {
    this.reader = reader;
  }

  /** Adds {@code name} at {@code version}, read for {@code selection}, to {@code listing}. */
  static void add(Map<String, Set<String>> listing, Selection selection, String name, Long version) {
    listing.computeIfAbsent(selection.describe(), s -> new TreeSet<>()).add(name + "\t" + version);
  }

  /**
   * Returns the listing of {@code selections} as Parameter Store describes it now, or null when it
   * cannot tell (a label, {@code DescribeParameters} denied or refused): then the fetch reads in full.
   */
  Map<String, Set<String>> describe(List<Selection> selections) {
    Map<String, Set<String>> listing = new LinkedHashMap<>();
    List<Selection.Named> latest = new ArrayList<>();
    for (Selection selection : selections) {
      if (selection instanceof Selection.Named named) {
        if (!checkable(named)) {
          return null;
        } else if (named.selector().isEmpty()) {
          latest.add(named);
        } else {
          add(listing, named, named.name(), Long.parseLong(named.selector()));
        }
      }
    }
    try {
      Map<String, Long> versions =
          latest.isEmpty() ? Map.of() : reader.versionsByName(latest.stream().map(Selection.Named::name).distinct().toList());
      for (Selection selection : selections) {
        if (selection instanceof Selection.Path path) {
          reader.versionsByPath(path).forEach((name, version) -> add(listing, path, name, version));
        } else if (latest.contains(selection) && versions.containsKey(((Selection.Named) selection).name())) {
          Selection.Named named = (Selection.Named) selection;
          add(listing, named, named.name(), versions.get(named.name()));
        }
      }
    } catch (SsmException e) {
      String code = String.valueOf(AwsFailures.errorCode(e));
      if (code.equals("AccessDeniedException")) {
        denied = true;
        return null;
      }
      if (code.equals("ValidationException") || code.startsWith("InvalidFilter")) {
        return null;
      }
      throw e;
    } catch (IllegalStateException e) {
      return null;
    }
    return listing;
  }

  /**
   * Returns whether {@code DescribeParameters} can tell the version of {@code named}: not for a label,
   * nor for an ARN, which its name filter does not match.
   */
  private static boolean checkable(Selection.Named named) {
    return !named.name().startsWith("arn:") && named.selector().chars().allMatch(Character::isDigit);
  }

  /** Returns whether {@code DescribeParameters} was denied. */
  boolean denied() {
    return denied;
  }

  /**
   * Returns the snapshot version of {@code listing} read through {@code where}: a digest of both, or
   * empty for a provider with a label selection, whose listing says nothing.
   */
  static String token(String where, Map<String, Set<String>> listing, List<Selection> selections) {
    for (Selection selection : selections) {
      if (selection instanceof Selection.Named named && !checkable(named)) {
        return "";
      }
    }
    StringBuilder identity = new StringBuilder(where);
    listing.forEach((selection, parameters) -> {
      identity.append("\n").append(selection);
      parameters.forEach(parameter -> identity.append("\n ").append(parameter));
    });
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return "ps-versions/" + HexFormat.of().formatHex(sha256.digest(identity.toString().getBytes(StandardCharsets.UTF_8)), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
  }
}
