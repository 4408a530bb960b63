"""Checks eval/fresh16_questions.jsonl: every evidence text is an exact substring of its document,
every answer string occurs in one of its evidence texts, and the fields each kind needs are there."""
import json, pathlib, sys
here = pathlib.Path(__file__).resolve().parent
bad = 0
T2S = str.maketrans("間億陰創園", "间亿阴创园")  # only the characters this set's answers use
docs = {p.name for p in (here / "docs").glob("*.txt")}
for line in open(here.parent / "fresh16_questions.jsonl", encoding="utf-8"):
    g = json.loads(line)
    for e in g["evidence"]:
        if e["doc"] not in docs or e["text"] not in (here / "docs" / e["doc"]).read_text(encoding="utf-8"):
            print("evidence not found:", g["id"], e); bad += 1
    for a in g["answer"]:
        # a simplified-character variant of a traditional answer counts when its traditional form is in the span
        if not any(a in e["text"] or a in e["text"].translate(T2S) for e in g["evidence"]):
            print("answer not in evidence:", g["id"], a); bad += 1
    k = g["kind"]
    if k == "unanswerable" and (g["answer"] or g["evidence"]): print("unanswerable with gold:", g["id"]); bad += 1
    if k == "cross-city" and (g["answer"] or len({e["doc"] for e in g["evidence"]}) < 2): print("cross-city shape:", g["id"]); bad += 1
    if k in ("number", "name") and not (g["answer"] and g["evidence"]): print("missing gold:", g["id"]); bad += 1
man = [json.loads(l) for l in open(here / "manifest.jsonl", encoding="utf-8")]
if {m["file"] for m in man} != docs: print("manifest/docs mismatch"); bad += 1
print("problems:", bad); sys.exit(bad > 0)
