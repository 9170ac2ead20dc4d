#!/usr/bin/env bash
# Runs the Kubernetes example without a cluster: a mounted Secret is just a directory, so a
# temporary one stands in for it. Run from the repository root.
set -euo pipefail
cd "$(dirname "$0")/../.."
secrets=$(mktemp -d)
trap 'rm -rf "$secrets"' EXIT
printf 'example-db-password\n' > "$secrets/database-password"
printf 'example-jwt-secret-of-at-least-32-chars\n' > "$secrets/jwt-secret"
APP_ENV=production DATABASE_URL=jdbc:postgresql://localhost/app DATABASE_USER=app \
ENVELOPE_PROVIDERS="k8s-mount:$secrets" \
  ./mvnw -q -ntp -pl examples/kubernetes -am compile exec:exec
