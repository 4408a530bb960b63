#!/usr/bin/env bash
# Installs policyqa and opens the web app on the bundled seeds (the index is built on first start).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
export PIP_ROOT_USER_ACTION=ignore
"$PY" -m pip install --quiet -e .
exec policyqa ui "$@"
