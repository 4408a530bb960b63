"""Checks eval/fresh2_questions.jsonl against eval/fresh2/docs/ (run from the repo root).

Every evidence text must be an exact substring of its document; every answer string must occur in
its evidence text (for traditional-character pages, after mapping the few traditional characters
used in the answers to simplified ones, so that both 億元 and 亿元 forms can be listed).
Unanswerable questions have no answer and no evidence; cross-city questions have no answer and
evidence from at least two documents.
"""
import json
import sys
from collections import Counter
from pathlib import Path

T2S = str.maketrans("億萬術縣國業達擁", "亿万术县国业达拥")
root = Path(__file__).resolve().parent
docs = {p.name: p.read_text(encoding="utf-8") for p in (root / "docs").glob("*.txt")}
bad = 0
kinds = Counter()
seen = set()
for line in open(root.parent / "fresh2_questions.jsonl", encoding="utf-8"):
    q = json.loads(line)
    kinds[q["kind"]] += 1
    assert q["id"] not in seen, q["id"]
    seen.add(q["id"])
    errs = []
    for ev in q["evidence"]:
        if ev["doc"] not in docs:
            errs.append("no doc " + ev["doc"])
        elif ev["text"] not in docs[ev["doc"]]:
            errs.append("evidence not in doc: " + ev["text"])
    if q["kind"] in ("number", "name"):
        if not q["answer"] or len(q["evidence"]) != 1:
            errs.append("answerable question needs answers and one evidence span")
        for a in q["answer"]:
            if not any(a in ev["text"] or a.translate(T2S) in ev["text"].translate(T2S) for ev in q["evidence"]):
                errs.append("answer not in evidence: " + a)
    elif q["kind"] == "unanswerable":
        if q["answer"] or q["evidence"]:
            errs.append("unanswerable question must have empty answer and evidence")
    elif q["kind"] == "cross-city":
        if q["answer"] or len({ev["doc"] for ev in q["evidence"]}) < 2:
            errs.append("cross-city question needs empty answer and evidence from >= 2 docs")
    else:
        errs.append("unknown kind " + q["kind"])
    for e in errs:
        bad += 1
        print(q["id"], e)
print(dict(kinds), "total", sum(kinds.values()), "problems", bad)
sys.exit(1 if bad else 0)
