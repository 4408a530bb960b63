"""Checks fresh20: every evidence text is an exact substring of its document and
every answer occurs (whitespace/NFKC-normalised) in one of its evidence texts."""
import json, pathlib, unicodedata
here = pathlib.Path(__file__).parent
norm = lambda s: "".join(unicodedata.normalize("NFKC", s).split()).lower()
bad = 0
for line in open(here.parent / "fresh20_questions.jsonl", encoding="utf-8"):
    q = json.loads(line)
    for e in q["evidence"]:
        if e["text"] not in (here / "docs" / e["doc"]).read_text(encoding="utf-8"):
            print("evidence not in doc:", q["id"]); bad += 1
    if q["answer"] and not any(norm(a) in norm(e["text"]) for a in q["answer"] for e in q["evidence"]):
        print("answer not in evidence:", q["id"]); bad += 1
print("problems:", bad)
