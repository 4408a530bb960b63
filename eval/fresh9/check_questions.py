#!/usr/bin/env python3
"""Checks eval/fresh9_questions.jsonl against eval/fresh9/docs/: every evidence text is an exact
substring of its document; the first answer string occurs verbatim in an evidence text, and every
other answer string occurs in it either verbatim or as the simplified-character reading of it
(traditional characters mapped, pinyin annotations such as 創(chuàng) dropped)."""
import collections, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
T2S = str.maketrans("億場圖種飛門荊創業園國寧識產權護", "亿场图种飞门荆创业园国宁识产权护")


def simp(s):
    return re.sub(r"\([a-zàáǎèéěìíǐòóǒùúǔüǖǘǚǜ]+\)", "", s).translate(T2S)


def main():
    qs = [json.loads(l) for l in open(os.path.join(HERE, "..", "fresh9_questions.jsonl"), encoding="utf-8") if l.strip()]
    bad = 0
    for q in qs:
        for e in q["evidence"]:
            doc = open(os.path.join(HERE, "docs", e["doc"]), encoding="utf-8").read()
            if e["text"] not in doc:
                print("evidence not in doc:", q["id"], e["text"]); bad += 1
        for i, a in enumerate(q["answer"]):
            verbatim = any(a in e["text"] for e in q["evidence"])
            variant = any(simp(a) in simp(e["text"]) for e in q["evidence"])
            if not verbatim and (i == 0 or not variant):
                print("answer not in evidence:", q["id"], a); bad += 1
        if q["kind"] in ("unanswerable",):
            assert not q["answer"] and not q["evidence"], q["id"]
        if q["kind"] == "cross-city":
            assert not q["answer"] and len({e["doc"] for e in q["evidence"]}) >= 2, q["id"]
        if q["kind"] in ("number", "name"):
            assert q["answer"] and q["evidence"], q["id"]
    assert len({q["id"] for q in qs}) == len(qs)
    print(len(qs), dict(collections.Counter(q["kind"] for q in qs)), "problems:", bad)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
