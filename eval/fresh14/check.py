"""Checks eval/fresh14_questions.jsonl against eval/fresh14/docs: every evidence span is an exact substring
of its document, every answer string occurs in one of its evidence spans
(or in its simplified form), kinds have the fields score.py needs."""
import collections, json, pathlib, sys

# Traditional-character pages carry a simplified twin of the answer too (億/亿); only these characters differ.
T2S = str.maketrans("億機", "亿机")
here = pathlib.Path(__file__).resolve().parent
qs = [json.loads(l) for l in open(here.parent / "fresh14_questions.jsonl", encoding="utf-8") if l.strip()]
bad = 0
for q in qs:
    for e in q["evidence"]:
        p = here / "docs" / e["doc"]
        if not p.exists() or e["text"] not in p.read_text(encoding="utf-8"):
            print("evidence not found:", q["id"], e); bad += 1
    for a in q["answer"]:
        if not any(a in e["text"] or a in e["text"].translate(T2S) for e in q["evidence"]):
            print("answer not in evidence:", q["id"], a); bad += 1
    if q["kind"] == "unanswerable" and (q["answer"] or q["evidence"]):
        print("unanswerable with answer/evidence:", q["id"]); bad += 1
    if q["kind"] == "cross-city" and (q["answer"] or len({e["doc"] for e in q["evidence"]}) < 2):
        print("cross-city needs no answer and >=2 docs:", q["id"]); bad += 1
    if q["kind"] in ("number", "name") and not (q["answer"] and q["evidence"]):
        print("answerable without answer/evidence:", q["id"]); bad += 1
print(len(qs), dict(collections.Counter(q["kind"] for q in qs)), "problems:", bad)
sys.exit(1 if bad else 0)
