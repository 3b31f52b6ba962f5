#!/usr/bin/env bash
# Lighthouse on the web app's search and detail pages (performance and accessibility, mobile emulation as
# Lighthouse ships it), three runs each, medians against the target 90. Uses the platform at TABELOGO_BASE_URL
# (default http://127.0.0.1:8000), starting ./tabelogo up --offline first when nothing answers there (and stopping
# it after). Reports: bench/lighthouse/target/<page>-<run>.html.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."

base=${TABELOGO_BASE_URL:-http://127.0.0.1:8000}
command -v chromium >/dev/null || { echo "bench: Debian's chromium is needed (apt-get install chromium)"; exit 1; }
started=
if ! curl -fsS -o /dev/null "$base/app-config.json"; then
  ./tabelogo up --offline
  started=1
fi
trap '[[ -n $started ]] && ./tabelogo down' EXIT
(cd bench/lighthouse && npm ci --no-audit --no-fund --loglevel=error)
(cd bench/lighthouse && TABELOGO_BASE_URL=$base node run.mjs)
