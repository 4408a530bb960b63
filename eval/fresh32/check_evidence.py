"""Checks fresh32: every evidence text is an exact substring of its document, every answer string occurs in
its evidence text (traditional characters mapped to simplified for the few that occur), and the field rules
of unanswerable (no answer, no evidence) and cross-city (no answer, evidence from 2+ documents)."""
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
T2S = str.maketrans("億萬噸個鹽業園區爾濱凱納計機終設備創產業羣", "亿万吨个盐业园区尔滨凯纳计机终设备创产业群")
bad = 0
for line in open(HERE.parent / "fresh32_questions.jsonl", encoding="utf-8"):
    g = json.loads(line)
    for e in g["evidence"]:
        if e["text"] not in (HERE / "docs" / e["doc"]).read_text(encoding="utf-8"):
            bad += 1; print(g["id"], "evidence not in doc:", e["text"])
    if g["kind"] == "unanswerable" and (g["answer"] or g["evidence"]):
        bad += 1; print(g["id"], "unanswerable must have no answer and no evidence")
    if g["kind"] == "cross-city" and (g["answer"] or len({e["doc"] for e in g["evidence"]}) < 2):
        bad += 1; print(g["id"], "cross-city needs no answer and evidence from 2+ docs")
    if g["kind"] in ("number", "name"):
        texts = [e["text"].translate(T2S) for e in g["evidence"]]
        for a in g["answer"]:
            if not any(a.translate(T2S) in t for t in texts):
                bad += 1; print(g["id"], "answer not in evidence:", a)
print("problems:", bad)
raise SystemExit(1 if bad else 0)
