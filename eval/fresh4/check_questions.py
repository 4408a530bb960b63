#!/usr/bin/env python3
"""Checks eval/fresh4_questions.jsonl against eval/fresh4/docs/ (run from eval/).

- every evidence text is an exact substring of its document;
- every answer string occurs in (one of) its evidence texts, exactly, or after removing
  whitespace (as score.py's norm does) and mapping the few traditional characters used
  (億→亿) so a simplified answer to a traditional-character page is accepted;
- unanswerable: no answer, no evidence; cross-city: no answer, evidence from >= 2 documents;
- number/name: at least one answer and one evidence span.
"""
import json, os, sys, unicodedata
from collections import Counter

T2S = str.maketrans({"億": "亿"})
norm = lambda s: "".join(unicodedata.normalize("NFKC", s).split()).translate(T2S).lower()
here = os.path.dirname(os.path.abspath(__file__))
docs = {f: open(os.path.join(here, "docs", f), encoding="utf-8").read() for f in os.listdir(os.path.join(here, "docs"))}
manifest = {json.loads(l)["file"] for l in open(os.path.join(here, "manifest.jsonl"), encoding="utf-8") if l.strip()}
assert manifest == set(docs), (manifest ^ set(docs))
bad = 0
qs = [json.loads(l) for l in open(os.path.join(here, "..", "fresh4_questions.jsonl"), encoding="utf-8") if l.strip()]
assert len({q["id"] for q in qs}) == len(qs)
for q in qs:
    errs = []
    for e in q["evidence"]:
        if e["doc"] not in docs:
            errs.append(f"no doc {e['doc']}")
        elif e["text"] not in docs[e["doc"]]:
            errs.append(f"evidence not in doc: {e['text']}")
    for a in q["answer"]:
        if not any(a in e["text"] or norm(a) in norm(e["text"]) for e in q["evidence"]):
            errs.append(f"answer not in evidence: {a}")
    k = q["kind"]
    if k == "unanswerable" and (q["answer"] or q["evidence"]):
        errs.append("unanswerable with answer/evidence")
    if k == "cross-city" and (q["answer"] or len({e["doc"] for e in q["evidence"]}) < 2):
        errs.append("cross-city needs no answer and >= 2 documents")
    if k in ("number", "name", "fact") and not (q["answer"] and q["evidence"]):
        errs.append("answerable without answer/evidence")
    for m in errs:
        bad += 1
        print(q["id"], m)
print(len(qs), "questions", dict(Counter(q["kind"] for q in qs)), "errors:", bad)
sys.exit(1 if bad else 0)
