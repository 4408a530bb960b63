"""Who did what a which-question asks about: the subject of the question's verb in a sentence (哪家企业入选… →
「金盛兰入选…」), and the winner of an award, title or list the question quotes — the sentence's opening name when
the verb's own clause names none (「其中，A公司凭借…，成功入选“…”」)."""
from __future__ import annotations

from functools import lru_cache

from policyqa import lazyre
from policyqa import lexicon

from .names import QUOTED, _BEFORE_LISTED, _CLAUSE_BREAK, _LEAD_VERBS, _TRAILING_ADVERBS, _UNQUOTED_NAME, _asked
from .orgs import org_spans
from .query import Query

_PASSIVE = lazyre.compile(r"^(?:被|已经|已|成功|均|先后)+")


def subjects_of(sentence: str, query: Query) -> list[tuple[int, int, str]]:
    """Who did what the question asks about: the words before its verb (the term right after the asked
    noun, 哪家企业「入选」…), from the start of their clause: 「金盛兰入选…」."""
    out = list(award_subjects(query, sentence))
    rest = _PASSIVE.sub("", _asked(query)[1])
    verbs = [alts for alts in query.terms if any(rest.startswith(a) for a in alts)]
    for alts in verbs:
        for term in alts:
            pos = sentence.find(term)
            if pos <= 0:
                continue
            left = max((m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, pos)), default=0)
            if found := _subject(sentence, left, pos):
                out.append(found)
    return out


@lru_cache(maxsize=256)
def award_subjects(query: Query, sentence: str) -> tuple[tuple[int, int, str], ...]:
    """Who won or joined the award, title or list the question quotes: 哪家企业获得了“中国工业大奖” → 「宁德时代获
    “中国工业大奖”」 — the subject of the verb before the quoted name in the sentence."""
    out = []
    rest = _PASSIVE.sub("", _asked(query)[1])  # 哪家企业被认定为… : the verb is 认定
    for name in QUOTED.findall(rest):
        pos = sentence.find(name)
        left = max((m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, max(pos, 0))), default=0)
        verb = lexicon.ACHIEVED_BY.search(sentence, left, max(pos, 0)) if pos > 0 else None
        if verb and (found := _subject(sentence, left, verb.start())):
            out.append(found)
        elif verb and (found := _opening_name(sentence)):
            out.append(found)  # 「其中，A公司凭借…，成功入选“…”」: the clause's subject is the sentence's, named first
    return tuple(out)


def _opening_name(sentence: str) -> tuple[int, int, str] | None:
    """The organisation a sentence opens with (after 其中 and its comma), its subject."""
    opening = len(sentence) - len(_OPENER.sub("", sentence))
    return next(((a, b, sentence[a:b]) for a, b in org_spans(sentence) if a == opening), None)


_OPENER = lazyre.compile(rf"^\s*(?:{lexicon.BREAKDOWN}|同时|此外|另外)?\s*[,，]?\s*")


def _subject(sentence: str, left: int, verb: int) -> tuple[int, int, str] | None:
    """The name between a clause's start and its verb, without the verbs before it and the adverbs after it
    (「兴发集团分别获得」 → 兴发集团), with its own offsets."""
    words = sentence[left:verb]
    start = left + len(words) - len(_BEFORE_LISTED.sub("", _LEAD_VERBS.sub("", words)))
    subject = _TRAILING_ADVERBS.sub("", sentence[start:verb])
    if 2 <= len(subject) <= 20 and _UNQUOTED_NAME.fullmatch(subject):
        return start, start + len(subject), subject
    return None
