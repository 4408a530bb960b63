"""Checks fresh33: every evidence text is an exact substring of its document, every answer string occurs in
one of its evidence texts (traditional characters mapped to simplified for the few that occur, and spaces
ignored, since one document prints 「第 9 位」), and the field rules of unanswerable (no answer, no evidence)
and cross-city (no answer, evidence from 2+ documents); ids and kinds are checked too."""
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
T2S = str.maketrans("億萬噸個鹽業園區", "亿万吨个盐业园区")
KINDS = {"number", "name", "cross-city", "unanswerable"}


def norm(s):
    return s.translate(T2S).replace(" ", "")


bad = 0
ids = set()
for line in open(HERE.parent / "fresh33_questions.jsonl", encoding="utf-8"):
    g = json.loads(line)
    if g["id"] in ids or not g["id"].startswith("ak"):
        bad += 1; print(g["id"], "bad or repeated id")
    ids.add(g["id"])
    if g["kind"] not in KINDS:
        bad += 1; print(g["id"], "unknown kind", g["kind"])
    for e in g["evidence"]:
        if e["text"] not in (HERE / "docs" / e["doc"]).read_text(encoding="utf-8"):
            bad += 1; print(g["id"], "evidence not in doc:", e["text"])
    if g["kind"] == "unanswerable" and (g["answer"] or g["evidence"]):
        bad += 1; print(g["id"], "unanswerable must have no answer and no evidence")
    if g["kind"] == "cross-city" and (g["answer"] or len({e["doc"] for e in g["evidence"]}) < 2):
        bad += 1; print(g["id"], "cross-city needs no answer and evidence from 2+ docs")
    if g["kind"] in ("number", "name"):
        if not g["answer"] or not g["evidence"]:
            bad += 1; print(g["id"], "answerable question needs answer and evidence")
        texts = [norm(e["text"]) for e in g["evidence"]]
        for a in g["answer"]:
            if not any(norm(a) in t for t in texts):
                bad += 1; print(g["id"], "answer not in evidence:", a)
print("questions:", len(ids), "problems:", bad)
raise SystemExit(1 if bad else 0)
