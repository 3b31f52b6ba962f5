#!/usr/bin/env bash
# Waits until every Argo Rollout in a namespace has taken the new revision and is Healthy (its canary steps and
# analyses passed). A Degraded one was aborted by a failed analysis and has rolled back to the stable pods: the
# deploy fails. Usage: await-rollouts.sh <namespace> <timeout in seconds>
set -euo pipefail
namespace=${1:?usage: await-rollouts.sh <namespace> <timeout seconds>}
deadline=$((SECONDS + ${2:?usage: await-rollouts.sh <namespace> <timeout seconds>}))
while ((SECONDS < deadline)); do
  states=$(kubectl get rollouts.argoproj.io -n "$namespace" -o jsonpath='{range .items[*]}{.metadata.name} {.metadata.generation} {.status.observedGeneration} {.status.phase} {.status.message}{"\n"}{end}')
  if [[ -z "$states" ]]; then
    echo "No Rollout in $namespace: is rollouts.enabled set and Argo Rollouts installed?" >&2
    exit 1
  fi
  # Degraded for the new revision (a status left from an earlier aborted canary does not count).
  degraded=$(awk '$2 == $3 && $4 == "Degraded"' <<<"$states")
  if [[ -n "$degraded" ]]; then
    echo "A canary was aborted and rolled back:" >&2
    echo "$degraded" >&2
    exit 1
  fi
  if awk '$2 != $3 || $4 != "Healthy" { pending = 1 } END { exit pending }' <<<"$states"; then
    echo "Every Rollout is Healthy:"
    echo "$states"
    exit 0
  fi
  sleep "${POLL_SECONDS:-10}"
done
echo "The canaries did not finish in time:" >&2
echo "$states" >&2
exit 1
