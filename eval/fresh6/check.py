#!/usr/bin/env python3
"""Checks eval/fresh6_questions.jsonl: every evidence text is an exact substring of its
document in eval/fresh6/docs/, and every answer string occurs in one of its evidence texts.
Run from eval/:  python fresh6/check.py"""
import json, os, sys
from collections import Counter
here = os.path.dirname(os.path.abspath(__file__))
bad = 0
qs = [json.loads(l) for l in open(os.path.join(here, "..", "fresh6_questions.jsonl"), encoding="utf-8") if l.strip()]
for q in qs:
    for e in q["evidence"]:
        text = open(os.path.join(here, "docs", e["doc"]), encoding="utf-8").read()
        if e["text"] not in text:
            print("evidence not in doc:", q["id"], e["doc"], e["text"]); bad += 1
    for a in q["answer"]:
        if not any(a in e["text"] for e in q["evidence"]):
            print("answer not in evidence:", q["id"], a); bad += 1
    if q["kind"] == "unanswerable" and (q["answer"] or q["evidence"]):
        print("unanswerable with answer/evidence:", q["id"]); bad += 1
    if q["kind"] == "cross-city" and (q["answer"] or len({e["doc"] for e in q["evidence"]}) < 2):
        print("cross-city needs empty answer and >=2 docs:", q["id"]); bad += 1
print(Counter(q["kind"] for q in qs), "n=%d" % len(qs), "problems=%d" % bad)
sys.exit(1 if bad else 0)
