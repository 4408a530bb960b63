"""Measurements that need a fresh process: peak RAM while asking or indexing, and the app's first answer.

    python -m policyqa.bench.probe rss INDEX [--fake] QUESTION...   → {"maxrss_mib": …, "seconds": …}
    python -m policyqa.bench.probe index FOLDER INDEX               → {"maxrss_mib": …, "seconds": …}
    python -m policyqa.bench.probe app INDEX QUESTION               → {"first_run_s": …, "first_answer_s": …}
"""
from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "ui" / "app.py"


def rss(index: str, questions: list[str], fake: bool) -> dict:
    from policyqa.qa import PolicyQA

    start = time.perf_counter()
    embedder = None
    if fake:
        from tests.hashing_embedder import HashingEmbedder

        embedder = HashingEmbedder()
    qa = PolicyQA(index, embedder=embedder)
    for q in questions:
        qa.ask(q)
    return {"maxrss_mib": peak_rss_mib(), "seconds": time.perf_counter() - start}


def index(folder: str, root: str) -> dict:
    """`policyqa index FOLDER --index ROOT -q`, as the command line runs it."""
    from policyqa.ui.cli import main as cli

    start = time.perf_counter()
    try:
        cli(["index", folder, "--index", root, "-q"], standalone_mode=False)
    except SystemExit as exit_:
        if exit_.code:
            raise
    return {"maxrss_mib": peak_rss_mib(), "seconds": time.perf_counter() - start}


def peak_rss_mib() -> float:
    """This process's own peak RSS. ru_maxrss is not it on Linux: exec carries the parent's high-water mark
    over (a bench holding 4 GB reports 4 GB for every child), so read VmHWM, which exec resets."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def app(index: str, question: str) -> dict:
    from streamlit.testing.v1 import AppTest

    os.environ["POLICYQA_INDEX"] = index
    start = time.perf_counter()
    at = AppTest.from_file(str(APP), default_timeout=180)
    at.run()
    first_run = time.perf_counter() - start
    at.text_input(key="question").set_value(question)
    next(b for b in at.button if b.key.startswith("FormSubmitter:ask")).click()
    at.run()
    return {"first_run_s": first_run, "first_answer_s": time.perf_counter() - start,
            "exception": bool(at.exception)}


def main(argv: list[str]) -> None:
    mode, index_dir, *rest = argv
    fake = "--fake" in rest
    rest = [r for r in rest if r != "--fake"]
    if mode == "index":
        out = index(argv[1], argv[2])
    else:
        out = rss(index_dir, rest, fake) if mode == "rss" else app(index_dir, rest[0])
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1:])
