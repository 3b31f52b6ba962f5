#!/usr/bin/env bash
# A deploy job's cluster credentials, never stored in the repository: a kubeconfig from a secret (KUBECONFIG_FILE),
# or an EKS cluster (CLUSTER, REGION) reached with the job's OIDC role (configure-aws-credentials ran before).
set -euo pipefail
config="${RUNNER_TEMP:?}/kubeconfig"
if [[ -n "${KUBECONFIG_FILE:-}" ]]; then
  (umask 077 && printf '%s\n' "$KUBECONFIG_FILE" > "$config")
elif [[ -n "${CLUSTER:-}" ]]; then
  aws eks update-kubeconfig --name "$CLUSTER" --region "${REGION:?set the AWS_REGION variable}" --kubeconfig "$config"
else
  echo "No cluster credentials: set the environment's kubeconfig secret, or AWS_DEPLOY_ROLE_ARN and the cluster" \
    "variable (docs/delivery.md)" >&2
  exit 1
fi
echo "KUBECONFIG=$config" >> "${GITHUB_ENV:?}"
kubectl --kubeconfig "$config" version --client >/dev/null
