package dev.envelope.junit;

import static org.assertj.core.api.Assertions.assertThat;

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
}
