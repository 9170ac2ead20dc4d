package dev.envelope.spring;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks, in actuator's {@code /env} and {@code /configprops}, even where {@code show-values} lets
 * other values through: every value an Envelope provider imported (they come from secret stores),
 * every property that sets a {@code Secret} variable of a loaded schema ({@code jwt.secret} for
 * {@code JWT_SECRET}), and provider credentials, named as Envelope masks them (a name holding {@code
 * TOKEN}, {@code SECRET}, {@code PASSWORD} or {@code KEY}).
 */
final class EnvelopeSanitizingFunction implements SanitizingFunction {
  private final ObjectProvider<EnvelopeSchemas> schemas;

  EnvelopeSanitizingFunction(ObjectProvider<EnvelopeSchemas> schemas) {
    this.schemas = schemas;
  }

  @Override
  public SanitizableData apply(SanitizableData data) {
    if (data.getValue() == null) {
      return data;
    }
    if (data.getPropertySource() instanceof EnvelopePropertySource) {
      return data.withSanitizedValue();
    }
    String variable = data.getKey() == null ? null : RelaxedNames.toVariable(data.getKey());
    if (variable == null) {
      return data;
    }
    if (isCredential(variable)) {
      return data.withSanitizedValue();
    }
    EnvelopeSchemas loaded = schemas.getIfAvailable();
    return loaded != null && loaded.isSecret(variable) ? data.withSanitizedValue() : data;
  }

  private static boolean isCredential(String variable) {
    return variable.contains("TOKEN") || variable.contains("SECRET") || variable.contains("PASSWORD") || variable.contains("KEY");
  }
}
