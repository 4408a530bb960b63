"""Checks fresh34: every evidence text is an exact substring of its document, every answer string occurs in
its evidence text (traditional characters mapped to simplified for the few that occur, and pinyin glosses such
as `(qū)` dropped), and the field rules of unanswerable (no answer, no evidence) and cross-city (no answer,
evidence from 2+ documents)."""
import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
T2S = str.maketrans("億萬項區銀關", "亿万项区银关")
GLOSS = re.compile(r"\([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")


def norm(s):
    return GLOSS.sub("", s).translate(T2S)


bad = 0
n = 0
for line in open(HERE.parent / "fresh34_questions.jsonl", encoding="utf-8"):
    g = json.loads(line)
    n += 1
    for e in g["evidence"]:
        if e["text"] not in (HERE / "docs" / e["doc"]).read_text(encoding="utf-8"):
            bad += 1; print(g["id"], "evidence not in doc:", e["text"])
    if g["kind"] not in ("number", "name", "cross-city", "unanswerable"):
        bad += 1; print(g["id"], "unknown kind", g["kind"])
    if g["kind"] == "unanswerable" and (g["answer"] or g["evidence"]):
        bad += 1; print(g["id"], "unanswerable must have no answer and no evidence")
    if g["kind"] == "cross-city" and (g["answer"] or len({e["doc"] for e in g["evidence"]}) < 2):
        bad += 1; print(g["id"], "cross-city needs no answer and evidence from 2+ docs")
    if g["kind"] in ("number", "name"):
        if not g["answer"] or not g["evidence"]:
            bad += 1; print(g["id"], "needs answer and evidence")
        texts = [norm(e["text"]) for e in g["evidence"]]
        for a in g["answer"]:
            if not any(norm(a) in t for t in texts):
                bad += 1; print(g["id"], "answer not in evidence:", a)
print("questions:", n, "problems:", bad)
raise SystemExit(1 if bad else 0)
