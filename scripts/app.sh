#!/usr/bin/env bash
# Installs policyqa and opens the web app on the bundled seeds (the index is built on first start).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
export PIP_ROOT_USER_ACTION=ignore
# No torch: the bundled model runs on ONNX Runtime (README, "Embedding engines").
"$PY" -m pip install --quiet -e ".[ocr]"  # ocr: scanned PDF pages (RapidOCR, models in its wheel)
exec "$PY" -m policyqa ui "$@"
