#!/usr/bin/env bash
# Starts the web app (http://localhost:8501) on the bundled sample reports. The first run installs policyqa
# into this Python; later runs skip pip and start the server at once. On first start the page itself builds
# the index, with a progress bar. Arguments go to `policyqa ui` (e.g. --port 8502, --index DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)
PY=${PYTHON:-python3}
export PIP_ROOT_USER_ACTION=ignore
STAMP=.app-installed

# One look at this Python (from /, so that the checkout itself is not on its path): which interpreter it
# is, and whether `policyqa` resolves to this checkout.
read -r here exe < <(cd / && "$PY" -c 'import importlib.util, pathlib, sys
spec = importlib.util.find_spec("policyqa")
here = bool(spec and spec.origin and pathlib.Path(spec.origin).resolve().parents[1] == pathlib.Path(sys.argv[1]).resolve())
print(int(here), sys.executable)' "$REPO")
# What an install is for: these dependencies (pyproject.toml's hash) in this interpreter.
want="$(sha256sum pyproject.toml | cut -d' ' -f1) $exe"

installed() {
  [ "$here" = 1 ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ]
}

if ! installed; then
  echo "Installing policyqa and its dependencies (ONNX Runtime, FAISS, jieba, Streamlit …; no torch) into $PY —" \
       "once: later starts skip this step."
  # pip's own lines show what it fetches; the many "already satisfied" lines are left out
  # ocr: scanned PDF pages (RapidOCR; its Chinese models ship inside the wheel)
  "$PY" -m pip install -e ".[ocr]" 2>&1 | { grep --line-buffered -v '^Requirement already satisfied' || true; }
  echo "$want" > "$STAMP"
  echo "Installed. Next time start the app with: policyqa ui"
fi
exec "$PY" -m policyqa ui "$@"
