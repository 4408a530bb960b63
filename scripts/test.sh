#!/usr/bin/env bash
# Installs everything the tests need on a fresh machine, then runs them. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
export PIP_ROOT_USER_ACTION=ignore
"$PY" -m pip install --quiet -e ".[test]"
# The sentence-transformers backend is tested with a tiny model built inside the test; it needs torch.
# Pin the CPU build: an unpinned torch pulls several GB of CUDA packages.
"$PY" -m pip install --quiet "torch==2.13.0" "sentence-transformers>=3" \
  || echo "note: torch could not be installed; sentence-transformers tests will be skipped" >&2
# The real-browser test drives Debian's chromium; CJK fonts so Chinese renders in its screenshot.
if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null) \
    || echo "note: chromium could not be installed; the browser test will be skipped" >&2
fi
exec "$PY" -m pytest "$@"
