#!/usr/bin/env bash
# Installs everything the tests need on a fresh machine, then runs them. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
export PIP_ROOT_USER_ACTION=ignore
# torch, pinned to the CPU build (+cpu: pip fails rather than take a build with several GB of CUDA packages),
# runs the fast embedding engine; sentence-transformers is the reference it is tested against and the backend
# of other models.
"$PY" -m pip install --quiet -e ".[test,fast]"
if "$PY" -c "import torch" 2>/dev/null || "$PY" -m pip install --quiet "torch==2.13.0+cpu"; then
  # only with torch in place: otherwise sentence-transformers would pull a CUDA torch
  "$PY" -m pip install --quiet "sentence-transformers>=3" \
    || echo "note: sentence-transformers could not be installed; its tests will be skipped" >&2
else
  echo "note: torch could not be installed; torch-engine and sentence-transformers tests will be skipped" >&2
fi
# The real-browser test drives Debian's chromium; CJK fonts so Chinese renders in its screenshot.
if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null) \
    || echo "note: chromium could not be installed; the browser test will be skipped" >&2
fi
# The whole suite: end-to-end and browser tests too (a plain `pytest` runs only the fast ones).
exec "$PY" -m pytest -m "" "$@"
