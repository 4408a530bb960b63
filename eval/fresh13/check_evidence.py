"""Checks fresh13: every evidence text is an exact substring of its document, every answer
string (or, for 繁/简 variants, at least one of them) occurs in the question's evidence text,
unanswerable questions carry no answer/evidence, and manifest and docs/ agree."""
import json
import pathlib
import sys

here = pathlib.Path(__file__).resolve().parent
docs = here / "docs"
manifest = [json.loads(l) for l in open(here / "manifest.jsonl", encoding="utf-8") if l.strip()]
qs = [json.loads(l) for l in open(here.parent / "fresh13_questions.jsonl", encoding="utf-8") if l.strip()]
errors = []
if sorted(m["file"] for m in manifest) != sorted(p.name for p in docs.iterdir()):
    errors.append("manifest and docs/ differ")
for q in qs:
    for e in q["evidence"]:
        if e["text"] not in (docs / e["doc"]).read_text(encoding="utf-8"):
            errors.append(f"{q['id']}: evidence not in {e['doc']}")
    if q["kind"] == "unanswerable" and (q["answer"] or q["evidence"]):
        errors.append(f"{q['id']}: unanswerable with answer/evidence")
    if q["answer"] and not any(a in " ".join(e["text"] for e in q["evidence"]) for a in q["answer"]):
        errors.append(f"{q['id']}: no answer string in evidence")
print("\n".join(errors) or f"ok: {len(manifest)} docs, {len(qs)} questions")
sys.exit(1 if errors else 0)
