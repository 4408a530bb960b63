"""Checks eval/fresh5: every evidence text is an exact substring of its document,
every answer string occurs in one of its evidence texts, and the manifest lists every doc."""
import json, os, sys
here = os.path.dirname(os.path.abspath(__file__))
docs = {f: open(os.path.join(here, "docs", f), encoding="utf-8").read() for f in os.listdir(os.path.join(here, "docs"))}
man = [json.loads(l) for l in open(os.path.join(here, "manifest.jsonl"), encoding="utf-8") if l.strip()]
bad = 0
if sorted(m["file"] for m in man) != sorted(docs):
    print("manifest/docs mismatch"); bad += 1
for l in open(os.path.join(here, "..", "fresh5_questions.jsonl"), encoding="utf-8"):
    g = json.loads(l)
    for e in g["evidence"]:
        if e["doc"] not in docs or e["text"] not in docs[e["doc"]]:
            print("evidence not found:", g["id"], e); bad += 1
    for a in g["answer"]:
        if not any(a in e["text"] for e in g["evidence"]):
            print("answer not in evidence:", g["id"], a); bad += 1
    if g["kind"] == "unanswerable" and (g["answer"] or g["evidence"]):
        print("unanswerable with answer/evidence:", g["id"]); bad += 1
    if g["kind"] == "cross-city" and (g["answer"] or len({e["doc"] for e in g["evidence"]}) < 2):
        print("cross-city malformed:", g["id"]); bad += 1
print("problems:", bad)
sys.exit(1 if bad else 0)
