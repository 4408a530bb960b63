#!/usr/bin/env bash
# Installs everything the tests need on a fresh machine, then runs them. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
export PIP_ROOT_USER_ACTION=ignore
# The default install has no torch, and neither do the tests: the engine they check runs on ONNX Runtime.
"$PY" -m pip install --quiet -e ".[test,ocr]"  # ocr: scanned PDF pages (RapidOCR, models in its wheel)
# POLICYQA_TEST_TORCH=1 adds torch (the CPU build, pinned: +cpu makes pip fail rather than take a build with
# several GB of CUDA packages) and sentence-transformers, for the tests of the torch engine (AMX/AVX512-BF16
# CPUs), of other models, and of float32 parity with both; without them those tests are skipped.
if [ "${POLICYQA_TEST_TORCH:-0}" = "1" ]; then
  if "$PY" -c "import torch" 2>/dev/null || "$PY" -m pip install --quiet "torch==2.13.0+cpu"; then
    # only with torch in place: otherwise sentence-transformers would pull a CUDA torch
    "$PY" -m pip install --quiet -e ".[torch]" "sentence-transformers>=3" \
      || echo "note: sentence-transformers could not be installed; its tests will be skipped" >&2
  else
    echo "note: torch could not be installed; torch-engine and sentence-transformers tests will be skipped" >&2
  fi
fi
# The real-browser test drives Debian's chromium; CJK fonts so Chinese renders in its screenshot.
if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null) \
    || echo "note: chromium could not be installed; the browser test will be skipped" >&2
fi
# The whole suite: end-to-end and browser tests too (a plain `pytest` runs only the fast ones).
exec "$PY" -m pytest -m "" "$@"
