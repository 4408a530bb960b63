#!/usr/bin/env python3
"""Checks eval/fresh15_questions.jsonl against eval/fresh15/docs/.

Every evidence span must be an exact substring of its document; every answer string must occur in one of its
question's evidence spans (for traditional-character pages the simplified form of the answer is accepted too);
kinds must carry what score.py expects (unanswerable: no answer, no evidence; cross-city: no answer, 3+ spans
from different documents; number/name: answer and evidence).
"""
import json
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
# Only the traditional characters that occur in this set's answers; enough to compare 繁/简 answer forms.
T2S = str.maketrans("億噸時項個賀潤業孵區", "亿吨时项个贺润业孵区")


def main() -> int:
    qfile = HERE.parent / "fresh15_questions.jsonl"
    manifest = [json.loads(l) for l in open(HERE / "manifest.jsonl", encoding="utf-8") if l.strip()]
    files = {m["file"] for m in manifest}
    on_disk = {p.name for p in (HERE / "docs").iterdir()}
    errors = []
    if files != on_disk:
        errors.append(f"manifest/docs mismatch: {sorted(files ^ on_disk)}")
    docs = {f: (HERE / "docs" / f).read_text(encoding="utf-8") for f in on_disk}
    ids = set()
    for line in open(qfile, encoding="utf-8"):
        if not line.strip():
            continue
        q = json.loads(line)
        qid, kind, ans, evs = q["id"], q["kind"], q["answer"], q["evidence"]
        if qid in ids:
            errors.append(f"{qid}: duplicate id")
        ids.add(qid)
        for e in evs:
            if e["doc"] not in docs:
                errors.append(f"{qid}: unknown doc {e['doc']}")
            elif e["text"] not in docs[e["doc"]]:
                errors.append(f"{qid}: evidence not in {e['doc']}: {e['text'][:40]}")
        for a in ans:
            if not any(a in e["text"] or a in e["text"].translate(T2S) for e in evs):
                errors.append(f"{qid}: answer {a!r} not in its evidence")
        if kind == "unanswerable" and (ans or evs):
            errors.append(f"{qid}: unanswerable must have no answer and no evidence")
        if kind == "cross-city" and (ans or len({e['doc'] for e in evs}) < 3):
            errors.append(f"{qid}: cross-city needs no answer and spans from 3+ documents")
        if kind in ("number", "name", "fact") and not (ans and evs):
            errors.append(f"{qid}: {kind} needs answer and evidence")
        if kind not in ("number", "name", "fact", "unanswerable", "cross-city"):
            errors.append(f"{qid}: unknown kind {kind}")
    for e in errors:
        print(e)
    print(f"{len(ids)} questions, {len(docs)} documents: {'OK' if not errors else f'{len(errors)} problems'}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
