"""The project's own metrics on a gold file (the format of shared/eval/questions.jsonl)."""
from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .records import Answer


def norm(text: str | None) -> str:
    return "".join(unicodedata.normalize("NFKC", text or "").split()).lower()


def supports(citation_doc: str, citation_text: str, evidence: dict) -> bool:
    return Path(citation_doc).name == evidence["doc"] and norm(evidence["text"]) in norm(citation_text)


@dataclass
class Metrics:
    rows: list[dict] = field(default_factory=list)
    n_retrieval: int = 0
    hit1: int = 0
    hit5: int = 0
    rr: float = 0.0
    retrieval_rr: float = 0.0  # of the ranked passages before answer extraction puts its passage first
    retrieval_measured: bool = False
    coverage: list[float] = field(default_factory=list)
    n_answerable: int = 0
    correct: int = 0
    cited: int = 0
    false_abstain: int = 0
    n_unanswerable: int = 0
    abstained: int = 0

    def summary(self) -> dict:
        r = lambda a, b: round(a / b, 3) if b else None  # noqa: E731
        out = {"hit@1": r(self.hit1, self.n_retrieval), "hit@5": r(self.hit5, self.n_retrieval),
               "mrr": r(self.rr, self.n_retrieval), "retrieval-mrr": r(self.retrieval_rr, self.n_retrieval),
               "coverage@5": r(sum(self.coverage), len(self.coverage)),
               "answer": r(self.correct, self.n_answerable), "cited-answer": r(self.cited, self.n_answerable),
               "abstain": r(self.abstained, self.n_unanswerable),
               "false-abstain": r(self.false_abstain, self.n_answerable), "n": len(self.rows)}
        if not self.retrieval_measured:
            del out["retrieval-mrr"]
        return out


def load_gold(path: str | Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def score(gold: list[dict], answers: list[Answer], retrieved: list[list[tuple[str, str]]] | None = None
          ) -> Metrics:
    """`retrieved`: per question, the retriever's own ranking as (document name, passage text), for
    retrieval-mrr; without it that figure is left out."""
    m = Metrics(retrieval_measured=retrieved is not None)
    for i, (g, a) in enumerate(zip(gold, answers)):
        cits = a.citations
        evs = g.get("evidence") or []
        row = {"id": g.get("id"), "question": g["question"], "answer": a.answer}
        if evs:
            m.n_retrieval += 1
            first = next((i for i, c in enumerate(cits[:10]) if any(supports(c.doc, c.text, e) for e in evs)), None)
            m.hit1 += first == 0
            m.hit5 += first is not None and first < 5
            m.rr += 1 / (first + 1) if first is not None else 0
            row["rank"] = first
            if retrieved is not None:
                ranked = retrieved[i][:10]
                hit = next((j for j, (doc, text) in enumerate(ranked) if any(supports(doc, text, e) for e in evs)),
                           None)
                m.retrieval_rr += 1 / (hit + 1) if hit is not None else 0
            if g.get("kind") == "cross-city":
                got = sum(any(supports(c.doc, c.text, e) for c in cits[:5]) for e in evs)
                m.coverage.append(got / len(evs))
                row["coverage"] = f"{got}/{len(evs)}"
        if g.get("answer"):
            m.n_answerable += 1
            ok = bool(a.answer) and any(norm(x) in norm(a.answer) for x in g["answer"])
            m.correct += ok
            m.false_abstain += not a.answer
            m.cited += ok and bool(cits) and any(supports(cits[0].doc, cits[0].text, e) for e in evs)
            row["correct"] = ok
        if g.get("kind") == "unanswerable":
            m.n_unanswerable += 1
            m.abstained += not a.answer
            row["abstained"] = not a.answer
        m.rows.append(row)
    return m
