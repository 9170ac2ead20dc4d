package dev.envelope.spring;

import dev.envelope.Problem;
import dev.envelope.Report;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

/**
 * The {@code envelope} actuator endpoint: for each schema loaded, every variable with its origin, the
 * sources it shadowed and its value as Envelope's report shows it (secrets as {@code ****}); and for
 * each {@code spring.config.import=envelope:} source, its keys and origins, never its values.
 *
 * <p>Exposed only as Boot exposes any endpoint ({@code management.endpoints.web.exposure.include}).
 */
@Endpoint(id = "envelope")
public final class EnvelopeEndpoint {
  private final ObjectProvider<EnvelopeSchemas> schemas;
  private final ConfigurableEnvironment environment;

  EnvelopeEndpoint(ObjectProvider<EnvelopeSchemas> schemas, ConfigurableEnvironment environment) {
    this.schemas = schemas;
    this.environment = environment;
  }

  /** Returns the reports of the loaded schemas and the keys of the imported sources. */
  @ReadOperation
  public Description report() {
    List<SchemaReport> reports = new ArrayList<>();
    EnvelopeSchemas loaded = schemas.getIfAvailable();
    if (loaded != null) {
      for (Report report : loaded.reports()) {
        reports.add(SchemaReport.of(report));
      }
    }
    List<ImportedSource> imports = new ArrayList<>();
    for (PropertySource<?> source : environment.getPropertySources()) {
      if (source instanceof EnvelopePropertySource imported) {
        List<ImportedKey> keys = new ArrayList<>();
        for (String name : imported.getPropertyNames()) {
          keys.add(new ImportedKey(name, String.valueOf(imported.getOrigin(name)), "****"));
        }
        imports.add(new ImportedSource(imported.providerName(), keys));
      }
    }
    return new Description(reports, imports);
  }

  /** What the endpoint returns: the schemas' reports and the imported sources. */
  public record Description(List<SchemaReport> schemas, List<ImportedSource> imports) {}

  /** One schema's report; {@code variables} hold masked values only. */
  public record SchemaReport(String schema, String profile, List<Report.Variable> variables, List<String> warnings, List<String> notes) {
    static SchemaReport of(Report report) {
      List<String> warnings = new ArrayList<>();
      for (Problem warning : report.warnings()) {
        warnings.add(warning.toString());
      }
      return new SchemaReport(report.schema(), report.profile().name(), report.variables(), warnings, report.notes());
    }
  }

  /** One {@code spring.config.import=envelope:} source. */
  public record ImportedSource(String provider, List<ImportedKey> keys) {}

  /** One key of an imported source, its origin, and its value masked. */
  public record ImportedKey(String name, String origin, String value) {}
}
