package dev.envelope.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KubernetesManifestNamesTest {
  @Test
  void readsSecretAndConfigMapKeysAcrossDocuments() {
    String yaml = """
        apiVersion: v1
        kind: Secret
        metadata:
          name: app
          labels:
            tier: web
        type: Opaque
        data:
          JWT_SECRET: c2VjcmV0
          "QUOTED_KEY": eA==
        stringData:   # plain text, not base64
          DATABASE_URL: postgres://db   # trailing comment
        ---
        # a ConfigMap whose kind comes after its data
        apiVersion: v1
        data:
          LOG_LEVEL: info
          config.yaml: |
            NOT_A_KEY: nested
            ALSO_NOT: nested
          'SINGLE': x
        kind: ConfigMap
        """;

    assertThat(KubernetesManifestNames.read(yaml))
        .containsExactly("JWT_SECRET", "QUOTED_KEY", "DATABASE_URL", "LOG_LEVEL", "config.yaml", "SINGLE");
  }

  @Test
  void readsEnvNamesOfEveryContainerButNotNamesInsideValueFrom() {
    String yaml = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: shop
        spec:
          template:
            spec:
              initContainers:
              - name: migrate
                env:
                - name: MIGRATE_URL
                  value: x
              containers:
                - name: app
                  env:  # the variables
                    - name: APP_URL
                      value: "https://shop.example"
                    - value: b
                      name: "SECOND_KEY_FIRST"
                    - name: JWT_SECRET
                      valueFrom:
                        secretKeyRef:
                          name: shop-secrets
                          key: jwt
                  ports:
                    - name: http
                      containerPort: 8080
                - name: sidecar
                  env: []
        """;

    assertThat(KubernetesManifestNames.read(yaml)).containsExactly("MIGRATE_URL", "APP_URL", "SECOND_KEY_FIRST", "JWT_SECRET");
  }

  @Test
  void dataOfOtherKindsIsNotAVariable() {
    String yaml = """
        apiVersion: example.com/v1
        kind: Widget
        data:
          SOMETHING: else
        """;

    assertThat(KubernetesManifestNames.read(yaml)).isEmpty();
  }

  @Test
  void windowsLineEndingsAndEmptyDocumentsAreFine() {
    String yaml = "---\r\n---\r\nkind: Secret\r\nstringData:\r\n  TOKEN: x\r\n";

    assertThat(KubernetesManifestNames.read(yaml)).containsExactly("TOKEN");
  }

  @Test
  void envFromBringsTheKeysOfTheSecretOrConfigMapWithItsPrefix() {
    String yaml = """
        apiVersion: apps/v1
        kind: Deployment
        spec:
          template:
            spec:
              containers:
              - name: app
                envFrom:
                - secretRef: {name: app-secrets}
                  prefix: APP_
                - configMapRef:
                    name: app-config
        ---
        kind: Secret
        metadata: {name: app-secrets}
        stringData: {DB_PASSWORD: x, JWT_SECRET: y}
        ---
        kind: ConfigMap
        metadata:
          name: app-config
        data:
          LOG_LEVEL: info
        """;

    // The Secret's keys count with the prefix only: the container sees APP_DB_PASSWORD, not DB_PASSWORD.
    assertThat(KubernetesManifestNames.read(yaml)).containsExactly("APP_DB_PASSWORD", "APP_JWT_SECRET", "LOG_LEVEL");
  }

  @Test
  void aMountedSecretVolumeProvidesItsFilesAsMountedSecretsNamesThem() {
    String yaml = """
        kind: Deployment
        spec:
          template:
            spec:
              volumes:
              - name: db
                secret:
                  secretName: db-credentials
                  items:
                  - {key: password, path: db/password}
                  - {key: user, path: db.user}
              - name: tls
                secret: {secretName: tls-files}
              - name: unmounted
                secret: {secretName: never-used, items: [{key: a, path: not-mounted}]}
              containers:
              - name: app
                volumeMounts:
                - {name: db, mountPath: /run/secrets/app}
                - {name: tls, mountPath: /run/secrets/tls}
        ---
        kind: Secret
        metadata: {name: tls-files}
        data: {tls-key.pem: eA==}
        """;

    assertThat(KubernetesManifestNames.read(yaml)).containsExactly("DB_PASSWORD", "DB_USER", "TLS_KEY_PEM");
  }

  @Test
  void aReferenceToASecretDefinedInAnotherFileIsResolvedWhenReadTogetherAndListedOtherwise() {
    String deployment = """
        kind: Deployment
        spec: {template: {spec: {containers: [{name: app, envFrom: [{secretRef: {name: shared}, prefix: S_}]}]}}}
        """;
    String secret = "kind: Secret\nmetadata: {name: shared}\nstringData: {TOKEN: x}\n";

    KubernetesManifestNames alone = KubernetesManifestNames.read(java.util.List.of(deployment), java.util.List.of("deployment.yaml"));
    KubernetesManifestNames together =
        KubernetesManifestNames.read(java.util.List.of(deployment, secret), java.util.List.of("deployment.yaml", "secret.yaml"));

    assertThat(alone.names()).isEmpty();
    assertThat(alone.unresolved()).containsExactly("Secret shared (envFrom of container app)");
    assertThat(together.names()).containsExactly("S_TOKEN");
    assertThat(together.unresolved()).isEmpty();
  }

  private static final String MOUNTING_DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      spec:
        template:
          spec:
            containers: [{name: app, volumeMounts: [{name: s, mountPath: /var/run/secrets/app}]}]
            volumes: [{name: s, secret: {secretName: app-secrets}}]
      """;

  private static KubernetesManifestNames withDeployment(String operatorResource) {
    return KubernetesManifestNames.read(
        java.util.List.of(MOUNTING_DEPLOYMENT, operatorResource), java.util.List.of("deployment.yaml", "operator.yaml"));
  }

  @Test
  void anExternalSecretDefinesItsTargetSecretWithTheKeysOfItsDataEntries() {
    KubernetesManifestNames read = withDeployment("""
        apiVersion: external-secrets.io/v1
        kind: ExternalSecret
        metadata: {name: from-doppler}
        spec:
          secretStoreRef: {name: doppler, kind: SecretStore}
          target: {name: app-secrets}
          data:
            - secretKey: database-password
              remoteRef: {key: DATABASE_PASSWORD}
            - secretKey: jwt-secret
              remoteRef: {key: JWT_SECRET}
        """);

    assertThat(read.names()).containsExactly("DATABASE_PASSWORD", "JWT_SECRET");
    assertThat(read.unresolved()).isEmpty();
  }

  @Test
  void anExternalSecretWithoutATargetNameMakesTheSecretOfItsOwnName() {
    KubernetesManifestNames read = withDeployment("""
        apiVersion: external-secrets.io/v1beta1
        kind: ExternalSecret
        metadata: {name: app-secrets}
        spec: {data: [{secretKey: api-key, remoteRef: {key: prod/api-key}}]}
        """);

    assertThat(read.names()).containsExactly("API_KEY");
  }

  @Test
  void anExternalSecretsTemplateDecidesTheKeysUnlessItMerges() {
    String template = """
        apiVersion: external-secrets.io/v1
        kind: ExternalSecret
        metadata: {name: x}
        spec:
          target:
            name: app-secrets
            template:
              %s
              data: {database-url: "postgres://app:{{ .password }}@db/app"}
          data: [{secretKey: password, remoteRef: {key: DB_PASSWORD}}]
        """;

    assertThat(withDeployment(template.formatted("mergePolicy: Replace")).names()).containsExactly("DATABASE_URL");
    assertThat(withDeployment(template.formatted("mergePolicy: Merge")).names()).containsExactly("DATABASE_URL", "PASSWORD");
  }

  @Test
  void keysAnExternalSecretFindsInTheStoreCannotBeKnownAndSaySo() {
    KubernetesManifestNames read = withDeployment("""
        apiVersion: external-secrets.io/v1
        kind: ExternalSecret
        metadata: {name: everything}
        spec:
          target: {name: app-secrets}
          data: [{secretKey: jwt-secret, remoteRef: {key: JWT_SECRET}}]
          dataFrom: [{extract: {key: prod/app}}]
        """);

    assertThat(read.names()).containsExactly("JWT_SECRET");
    assertThat(read.unresolved()).containsExactly("Secret app-secrets (volume of container app;"
        + " ExternalSecret everything brings the keys its dataFrom finds in the store)");
  }

  @Test
  void aDopplerSecretsKeysAreTheDopplerConfigsAndCannotBeKnown() {
    KubernetesManifestNames read = withDeployment("""
        apiVersion: secrets.doppler.com/v1alpha1
        kind: DopplerSecret
        metadata: {name: app-doppler, namespace: doppler-operator-system}
        spec:
          tokenSecret: {name: doppler-token}
          project: api
          config: prd
          managedSecret: {name: app-secrets, namespace: default}
        """);

    assertThat(read.names()).isEmpty();
    assertThat(read.unresolved()).containsExactly("Secret app-secrets (volume of container app;"
        + " DopplerSecret app-doppler copies every secret of its Doppler config api/prd)");
  }

  @Test
  void anEmptyTemplateLeavesTheDataKeysAndATemplateFromCannotBeKnown() {
    String externalSecret = """
        apiVersion: external-secrets.io/v1
        kind: ExternalSecret
        metadata: {name: x}
        spec:
          target: {name: app-secrets, template: %s}
          data: [{secretKey: jwt-secret, remoteRef: {key: JWT_SECRET}}]
        """;

    assertThat(withDeployment(externalSecret.formatted("{data: {}}")).names()).containsExactly("JWT_SECRET");
    KubernetesManifestNames fromTemplate =
        withDeployment(externalSecret.formatted("{templateFrom: [{configMap: {name: tpl, items: [{key: t}]}}]}"));
    assertThat(fromTemplate.names()).isEmpty();
    assertThat(fromTemplate.unresolved()).containsExactly("Secret app-secrets (volume of container app;"
        + " ExternalSecret x takes keys from its template's templateFrom)");
  }

  @Test
  void creationPolicyNoneMakesNothingAndMergeAddsToASecretMadeElsewhere() {
    String externalSecret = """
        apiVersion: external-secrets.io/v1
        kind: ExternalSecret
        metadata: {name: extra}
        spec:
          target: {name: app-secrets, creationPolicy: %s}
          data: [{secretKey: jwt-secret, remoteRef: {key: JWT_SECRET}}]
        """;
    String secret = "apiVersion: v1\nkind: Secret\nmetadata: {name: app-secrets}\nstringData: {database-password: x}\n";

    KubernetesManifestNames none = withDeployment(externalSecret.formatted("None"));
    KubernetesManifestNames mergedAlone = withDeployment(externalSecret.formatted("Merge"));
    KubernetesManifestNames merged = KubernetesManifestNames.read(
        java.util.List.of(MOUNTING_DEPLOYMENT, externalSecret.formatted("Merge"), secret),
        java.util.List.of("deployment.yaml", "operator.yaml", "secret.yaml"));

    assertThat(none.names()).isEmpty();
    assertThat(none.unresolved()).containsExactly("Secret app-secrets (volume of container app)");
    assertThat(mergedAlone.names()).containsExactly("JWT_SECRET");
    assertThat(mergedAlone.unresolved()).containsExactly("Secret app-secrets (volume of container app;"
        + " ExternalSecrets merge keys into it, but the manifests do not define it)");
    assertThat(merged.names()).containsExactly("DATABASE_PASSWORD", "JWT_SECRET");
    assertThat(merged.unresolved()).isEmpty();
  }

  @Test
  void aDopplerSecretThatListsItsSecretsDefinesThoseKeysAsItsProcessorsNameThem() {
    KubernetesManifestNames listed = withDeployment("""
        apiVersion: secrets.doppler.com/v1alpha1
        kind: DopplerSecret
        metadata: {name: app-doppler}
        spec:
          tokenSecret: {name: doppler-token}
          managedSecret: {name: app-secrets}
          secrets: [DATABASE_PASSWORD, JWT_SIGNING_KEY]
          processors:
            JWT_SIGNING_KEY: {type: plain, asName: JWT_SECRET}
        """);
    KubernetesManifestNames transformed = withDeployment("""
        apiVersion: secrets.doppler.com/v1alpha1
        kind: DopplerSecret
        metadata: {name: app-doppler}
        spec: {managedSecret: {name: app-secrets}, secrets: [DATABASE_PASSWORD], nameTransformer: lower-kebab}
        """);

    assertThat(listed.names()).containsExactly("DATABASE_PASSWORD", "JWT_SECRET");
    assertThat(listed.unresolved()).isEmpty();
    assertThat(transformed.names()).isEmpty();
    assertThat(transformed.unresolved()).containsExactly("Secret app-secrets (volume of container app;"
        + " DopplerSecret app-doppler renames the Doppler names with nameTransformer lower-kebab)");
  }

  @Test
  void aKindOfTheSameNameFromAnotherApiIsNotTakenForTheOperators() {
    KubernetesManifestNames read = withDeployment("""
        apiVersion: example.com/v1
        kind: ExternalSecret
        metadata: {name: app-secrets}
        spec: {data: [{secretKey: api-key}]}
        """);

    assertThat(read.names()).isEmpty();
    assertThat(read.unresolved()).containsExactly("Secret app-secrets (volume of container app)");
  }

  @Test
  void invalidYamlIsReportedByPositionWithoutItsText() {
    String yaml = "kind: Secret\nstringData:\n  TOKEN: \"canary-4f1e-yaml-never-print\n  other: [\n";

    assertThatThrownBy(() -> KubernetesManifestNames.read(yaml))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the manifest is not valid YAML at line ")
        .hasMessageEndingWith("(the text is not shown)")
        .message().doesNotContain("canary");
  }
}
