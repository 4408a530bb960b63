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
        start = at = m.start(1)
        # (the clause's words up to its last verb are not the name — 「组建了」「大会表彰奖励了」「其中…开发区签约」 —
        # unless only a company's tail would be left: 「中航工业制造有限公司」)
        for word in cut(m.group(1)):
            at += len(word)
            if (word in lexicon.EXAMPLE_LEAD_WORDS or (len(word) >= 2 and is_verb_like(word))) \
                    and m.end(1) - at >= 2 and not lexicon.ORG_TAIL.fullmatch(sentence, at, m.end(1)):
                start = at
        if m.end(1) - start >= 2:
            out.append((start, m.end(1), sentence[start:m.end(1)]))
    return out
