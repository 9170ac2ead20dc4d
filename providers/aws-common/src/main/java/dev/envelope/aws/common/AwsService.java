package dev.envelope.aws.common;

import java.util.Objects;

/**
 * Names one AWS service for Envelope's AWS providers: how messages call it ({@code Parameter
 * Store}) and the setting that overrides its endpoint ({@code AWS_ENDPOINT_URL_SSM}). Internal to
 * Envelope's AWS modules. Immutable.
 */
public final class AwsService {
  private final String displayName;
  private final String endpointSetting;

  private AwsService(String displayName, String endpointSetting) {
    this.displayName = Objects.requireNonNull(displayName, "displayName");
    this.endpointSetting = Objects.requireNonNull(endpointSetting, "endpointSetting");
  }

  /**
   * Returns the service called {@code displayName} in messages, whose endpoint the setting {@code
   * endpointSetting} overrides (the AWS SDKs' {@code AWS_ENDPOINT_URL_<SERVICE>} convention).
   */
  public static AwsService of(String displayName, String endpointSetting) {
    return new AwsService(displayName, endpointSetting);
  }

  /** Returns how messages name the service, for example {@code Secrets Manager}. */
  public String displayName() {
    return displayName;
  }

  /** Returns the setting of this service's own endpoint, for example {@code AWS_ENDPOINT_URL_SSM}. */
  public String endpointSetting() {
    return endpointSetting;
  }

  @Override
  public String toString() {
    return displayName;
  }
}
