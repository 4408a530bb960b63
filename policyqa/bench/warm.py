"""Warm `ask` against the naive peer on an existing index, as the benchmark measures it, without building one.

    python -m policyqa.bench.warm INDEX [--questions FILE] [--rounds N]

One process asks each question, embeds it bare and runs the naive peer (`run.naive_peer`) in turn, so that load
from other processes hits all three alike: each call after 100 ms of idle and in an order that turns with every
question (`run.alternated`: the peer's ONNX Runtime threads spin on after its run and slowed whichever call came
next, always the next question's ask before); the questions are the benchmark's own (`run.make_questions`)
unless a file gives one per line (a JSONL file's "question" fields). Prints one JSON line of p50/p95 in ms and
the ratio ask/peer; to compare two versions of the code, run it under each in turn (PYTHONPATH) and compare
ratios, never absolute figures from different moments of a shared machine.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from .run import QUESTIONS_CITY, QUESTIONS_FREE, alternated, make_questions, naive_peer, pct


def read_questions(path: Path) -> list[str]:
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [json.loads(line)["question"] if line.startswith("{") else line for line in lines]


def measure(root: Path, questions: list[str] | None = None, rounds: int = 1, embedders=None) -> dict:
    """`embedders`: (policyqa's query embedder, the peer's), the real ones (see run.load_embedders) by default."""
    from policyqa.qa import PolicyQA

    query_embedder, peer_embedder = embedders or _real_embedders()
    qa = PolicyQA(root, embedder=query_embedder)
    questions = questions or make_questions(sorted(qa.reader.cities), sorted(qa.reader.years), 50)
    for q in QUESTIONS_FREE[:2] + QUESTIONS_CITY[:1]:  # lazy loads (BM25, vectors, jieba) happen here
        qa.ask(q.format(c=questions[0][:2], y=2020))
    naive_peer(qa.reader, peer_embedder, questions[0])
    ms = alternated(questions, rounds, ask=qa.ask, bare=query_embedder.embed_query,
                    peer=lambda q: naive_peer(qa.reader, peer_embedder, q))
    asks, bare, peer = ms["ask"], ms["bare"], ms["peer"]
    qa.close()
    return {"questions": len(questions), "ask_p50": round(pct(asks, 50), 1), "ask_p95": round(pct(asks, 95), 1),
            "bare_p50": round(pct(bare, 50), 1), "peer_p50": round(pct(peer, 50), 1),
            "ask/peer": round(pct(asks, 50) / pct(peer, 50), 3)}


def _real_embedders():
    from policyqa.index.embed import load_embedder
    from policyqa.index.embed_onnx import OnnxE5Embedder

    return load_embedder(None, purpose="query"), OnnxE5Embedder()


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m policyqa.bench.warm", description=__doc__.split("\n\n")[0])
    p.add_argument("index", type=Path)
    p.add_argument("--questions", type=Path, help="one question per line, or a JSONL file with a question field")
    p.add_argument("--rounds", type=int, default=1, help="times each question is asked")
    a = p.parse_args(argv)
    print(json.dumps(measure(a.index, read_questions(a.questions) if a.questions else None, a.rounds),
                     ensure_ascii=False))


if __name__ == "__main__":
    main()
