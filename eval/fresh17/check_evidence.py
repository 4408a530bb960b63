"""Checks fresh17_questions.jsonl: every evidence text is an exact substring of its document and
every answer string occurs in one of its evidence texts (traditional forms folded to simplified)."""
import json, pathlib, sys

HERE = pathlib.Path(__file__).parent
T2S = str.maketrans("億晉創臨", "亿晋创临")  # only the traditional characters our answers use

bad = 0
for line in open(HERE.parent / "fresh17_questions.jsonl", encoding="utf-8"):
    q = json.loads(line)
    for e in q["evidence"]:
        if e["text"] not in (HERE / "docs" / e["doc"]).read_text(encoding="utf-8"):
            print("evidence not in doc:", q["id"], e["doc"]); bad += 1
    for a in q["answer"]:
        if not any(a in e["text"] or a in e["text"].translate(T2S) for e in q["evidence"]):
            print("answer not in evidence:", q["id"], a); bad += 1
print("problems:", bad)
sys.exit(1 if bad else 0)
