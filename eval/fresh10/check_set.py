"""Checks the fresh10 set: every evidence span is an exact substring of its document, every
answer string occurs in an evidence span (traditional forms folded to simplified for the
answers that are given in both), every cited document is in the manifest, and the
kind-specific shapes (unanswerable: no answer, no evidence; cross-city: >=2 documents)."""
import json
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
FOLD = str.maketrans({"億": "亿", "個": "个", "戶": "户", "萬": "万"})


def main() -> int:
    manifest = {json.loads(l)["file"] for l in (HERE / "manifest.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()}
    docs = {p.name: p.read_text(encoding="utf-8") for p in (HERE / "docs").glob("*.txt")}
    assert manifest == set(docs), "manifest and docs/ differ"
    bad = 0
    rows = [json.loads(l) for l in (HERE.parent / "fresh10_questions.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()]
    for r in rows:
        for ev in r["evidence"]:
            if ev["doc"] not in docs or ev["text"] not in docs[ev["doc"]]:
                print("evidence not found:", r["id"], ev); bad += 1
        spans = [ev["text"] for ev in r["evidence"]]
        for a in r["answer"]:
            if not any(a in s or a in s.translate(FOLD) for s in spans):
                print("answer not in evidence:", r["id"], a); bad += 1
        if r["kind"] == "unanswerable" and (r["answer"] or r["evidence"]):
            print("unanswerable with answer/evidence:", r["id"]); bad += 1
        if r["kind"] == "cross-city" and len({ev["doc"] for ev in r["evidence"]}) < 2:
            print("cross-city with <2 docs:", r["id"]); bad += 1
        if r["kind"] in ("number", "name") and not (r["answer"] and r["evidence"]):
            print("answerable without answer/evidence:", r["id"]); bad += 1
    print(f"{len(rows)} questions, {len(docs)} documents, {bad} problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
