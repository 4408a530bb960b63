"""The one thing a report names of a group it counts (「长虹云帆等34个大模型成功发布」), when a question asks which
one it names (「…34个大模型里举例提到的是哪个」): the name before 等 and the count, without the words that open its
clause (「组建了」「我省有」)."""
from __future__ import annotations

from policyqa import lexicon
from policyqa.index.tokenize import is_verb_like
from policyqa.index.tokenize import words as cut

from .query import Query


def example_asked(query: Query) -> bool:
    return lexicon.EXAMPLE_ASKED.search(query.text) is not None


def named_examples(sentence: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of each name a sentence gives before 等 and a count."""
    out = []
    for m in lexicon.NAMED_BEFORE_COUNT.finditer(sentence):
        if sentence[max(0, m.start(1) - 1):m.start(1)] in ("、", "和", "及"):
            continue  # several named (「东方电气集团、长虹控股集团等12家」): which one the question means is unsaid
        start = at = m.start(1)
        # (the clause's words up to its last verb are not the name — 「组建了」「大会表彰奖励了」「其中…开发区签约」 —
        # but a name's own first word is (「攀钢集团」「新希望六和」), and so is a company's tail: 「中航工业制造有限公司」)
        before = ""  # what the word before was: "lead", "verb", a word of two characters or more ("word"), or one
        for word in cut(m.group(1)):
            # (a verb after a subject, 「大学牵头」, or after a verb, 「牵头组建」 — not a name's first word, nor after a
            # single character: 「新|希望」)
            verb = len(word) >= 2 and before in ("word", "verb") and is_verb_like(word)
            at += len(word)
            if (word in lexicon.EXAMPLE_LEAD_WORDS or verb) and m.end(1) - at >= 2 \
                    and not lexicon.ORG_TAIL.fullmatch(sentence, at, m.end(1)):
                start, before = at, "verb" if verb else "lead"
            else:
                before = "word" if len(word) >= 2 else "one"
        start += sentence.startswith("的", start)  # 「…牵头组建的轨道交通实验室」
        if m.end(1) - start >= 2:
            out.append((start, m.end(1), sentence[start:m.end(1)]))
    return out
