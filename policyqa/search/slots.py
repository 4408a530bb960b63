"""Which-questions answered by what stands in the question's slot: the sentence says the rest of the question
around a name (「以哪个园区为核心承载区」 › 「以宿迁高新区为核心承载区」), or gives a name next to the question's own
description of a unique thing (「首家科创板企业海尔生物医疗」). `names` adds these to its candidates and the
answer step weighs them (Weights.fills_slot)."""
from __future__ import annotations

import re
from functools import lru_cache

from policyqa import lazyre
from policyqa import lexicon
from policyqa.index.tokenize import is_verb_like
from policyqa.index.tokenize import words as cut

from .names import (ORG_NOUNS, QUOTED, _ASKED_LAST, _CLAUSE_BREAK, _DANGLING, _LEAD_VERBS, _NAME_JOINS, _PHRASE_STOP,
                    _TRAILING_ADVERBS, _UNQUOTED_NAME, ASKED, NAME_CHARS, _asked, _generic, _phrases_ending_in)
from .orgs import company_inside
from .query import Query

_ASKED_TAIL = lazyre.compile(r"(?:是|叫)?(?:什么|哪[一两几三]?[个家所座项]|哪种|哪些)(?:名字|名称)?[？?。 ]*(?:[(（][^)）]*[)）])?[？?。 ]*$|[？?]")
_NAME_START = lazyre.compile(NAME_CHARS)
_NAME_RUN = lazyre.compile(NAME_CHARS + "$")
_WITH_AS = lazyre.compile(r"(?<![所可予加得用难足])以(?![下上来及便后前外内])")  # 以 of 以…为, not of 以下简称 or 可以


@lru_cache(maxsize=256)
def slot_fillers(query: Query, sentence: str) -> tuple[tuple[int, int, str], ...]:
    """What fills the question's slot where the sentence says the rest of the question: 「以哪个园区为核心承载区」
    and 「…以宿迁高新区为核心承载区」 → 宿迁高新区; 「…项目是哪家企业牵头的」 and 「津膜科技牵头承担的…项目」 →
    津膜科技. The words right after the slot (and a preposition right before it) are looked for in the sentence;
    the name between them is the answer. A filler that only repeats the asked noun (「以科学谷为引领」) stands for
    the name that ends in it earlier in the sentence (「打造西塞科学谷」)."""
    match = ASKED.search(query.text)
    heads, rest = _asked(query)
    if not heads:
        return ()
    if glossed := _parenthesised(query, sentence) + _named_after(sentence, heads, _DASH) \
            + _named_after(sentence, heads, lexicon.NAMED_AS):
        return glossed
    if not match:
        # 「获评…链主企业的是哪家」 asks what 「哪家获评…链主企业」 asks: the question's words stand after the slot
        tail = _ASKED_LAST.search(query.text)
        if tail is None or not query.text[:tail.start()].endswith("的"):
            return _described(query, sentence, heads)
        before = query.text[:tail.start()].rstrip("是的")
        rest, left = _without_setting(query, before), None
    else:
        before = query.text[:match.start()].rstrip("是的")
        left = lexicon.SLOT_PREPOSITION.search(before)
        rest = rest.lstrip("的").rstrip("？?。 ").removesuffix("的")
        if not rest and re.search(r"的(?:是|为)\s*$", query.text[:match.start()]):
            # 「晋升为国家级孵化器的是哪个园区」 asks what 「哪个园区晋升为国家级孵化器」 asks: the question's words stand
            # after the slot in the sentence
            rest, left = _without_setting(query, before), None
    out = []
    # the rest of the question must stand in the sentence, not only its first words (「哪个区的技术合同成交额排全市
    # 第一」: a district before 「技术合同」 in a sentence without 第一 does not fill the slot)
    needed = [alts for alts in query.terms if any(a in rest for a in alts)]
    if not all(any(a in sentence for a in alts) for alts in needed):
        return ()
    joins = _NAME_JOINS + "和"
    for size in (4, 3, 2):
        anchor = rest[:size]
        if len(anchor) < size or not set(anchor) - _PHRASE_STOP:
            continue
        for m in re.finditer(re.escape(anchor), sentence):
            clause = max((b.end() for b in _CLAUSE_BREAK.finditer(sentence, 0, m.start())), default=0)
            start = clause
            if left:  # 和, 与 and 及 join alike; the question's words before it stand before it in the sentence too
                marks = joins if left.group(0) in joins else left.group(0)
                context = before[max(0, left.start() - 3):left.start()] if left.group(0) in joins else ""
                spots = [i for i in range(clause, m.start()) if sentence[i] in marks
                         and (len(context) < 2 or sentence[max(0, i - len(context)):i] == context)]
                if not spots:
                    continue
                start = spots[-1] + 1
            run = _NAME_RUN.search(sentence, start, m.start())  # 「“0”——津膜科技」: the name's own characters
            quoted = QUOTED.fullmatch(sentence[start:m.start()].strip())
            if quoted and _is_name(quoted.group(1), heads):  # 「在“创新谷·某地”召开」: the quoted name fills the slot
                at = sentence.index(quoted.group(1), start)
                out.append((at, at + len(quoted.group(1)), quoted.group(1)))
                continue
            if run is None:
                if not left and start > 0 and (topic := _topic(query, sentence, heads)) is not None:
                    out.append(topic)
                continue
            words = _LEAD_VERBS.sub("", run.group(0))
            name = _TRAILING_ADVERBS.sub("", words)
            start = run.end() - len(words)
            end = start + len(name)
            if name in heads or name.removeprefix("该") in heads:
                earlier = [p for p in _phrases_ending_in(sentence[:start], set(heads), query) if p[2] not in heads]
                if earlier:
                    s0, e0, phrase = earlier[-1]
                    kept = _after_last_verb(phrase)  # 「高标准打造西塞科学谷」 → 西塞科学谷
                    out.append((e0 - len(kept), e0, kept))
                continue
            if heads & ORG_NOUNS and (company := company_inside(name)):
                end, name = start + company.end(), company.group(0)  # 「某某有限公司三楼会议室」: the company
            if _is_name(name, heads) and _UNQUOTED_NAME.fullmatch(name) and name[0] not in lexicon.COUNTERS:
                out.append((start, end, name))
                if not left:  # (「与A公司、B学院与C公司…」: a preposition's slot is the one name after it)
                    out += _listed_before(sentence, start, heads)
        if out:
            break
    return tuple(out) or _described(query, sentence, heads)


def _listed_before(sentence: str, start: int, heads: frozenset[str]) -> list[tuple[int, int, str]]:
    """The names listed with a slot's filler (「A有限公司、B有限公司成功入选」): each fills the slot as it does."""
    out = []
    while start > 0 and lexicon.LIST_JOIN.fullmatch(sentence[start - 1]):
        run = _NAME_RUN.search(sentence, 0, start - 1)
        name = _LEAD_VERBS.sub("", run.group(0)) if run else ""
        if not name or not _is_name(name, heads) or name[0] in lexicon.COUNTERS:
            break
        start = start - 1 - len(name)
        out.append((start, start + len(name), name))
    return out


def _topic(query: Query, sentence: str, heads: frozenset[str]) -> tuple[int, int, str] | None:
    """A clause that opens on the question's words has the sentence's topic as its subject: in 「海口国家高新区签约
    落地产业项目39个，…，引进以岭药业等9家医药头部企业」 the park does the 引进. The topic is a name of the asked
    kind at the sentence's start."""
    first = next((b.start() for b in _CLAUSE_BREAK.finditer(sentence)), len(sentence))
    # the longest name that opens the sentence and has no verb inside (「宜昌人福药业有限公司获评省级企业」 has one)
    opening = [p for p in _phrases_ending_in(sentence[:first], set(heads), query) if p[0] == 0 and p[2] not in heads
               and not any(is_verb_like(w) for w in cut(p[2]))]
    return max(opening, key=lambda p: (len(p[2]), p[2]), default=None)


def _described(query: Query, sentence: str, heads: frozenset[str]) -> tuple[tuple[int, int, str], ...]:
    """The name the sentence gives next to the question's own description of it: 「诞生了首家科创板企业海尔生物医疗」
    (after it), 「联瑞新材料苏北首家科创板上市」「…孵化器甘肃得力帮是我省第一家…孵化器」 (before it, a kind noun in
    front of the name left out)."""
    found = _longest_shared(_without_setting(query, _ASKED_TAIL.sub("", query.text)), sentence)
    if found is None or not lexicon.UNIQUE_DESCRIPTION.search(sentence[found[0]:found[1]]):
        return ()  # only a description that picks one thing out (首家, 第一家, 唯一) ties a name to it
    start, end = found
    out = []
    after = _NAME_START.match(sentence, end)
    if after and any(sentence[:end].endswith(h) for h in heads) and len(after.group(0)) >= 2:
        out.append((after.start(), after.end(), after.group(0)))
    lead = re.sub(f"{lexicon.SELF_PLACE_WORDS}$", "", sentence[:start])
    lead = lead[:len(lead) - len(lexicon.COPULA_END.search(lead).group(0))]
    run = _NAME_RUN.search(lead)
    if run:
        raw = run.group(0)
        inner = max((raw.rfind(h) + len(h) for h in heads if h in raw[:-1]), default=0)  # 「…孵化器甘肃得力帮」
        piece = raw[inner:]
        stripped = _LEAD_VERBS.sub("", piece)
        name = _TRAILING_ADVERBS.sub("", stripped)
        begin = run.start() + inner + len(piece) - len(stripped)
        if _is_name(name, heads) and not _DANGLING.search(name) and not is_verb_like(name[-2:]):
            out.append((begin, begin + len(name), name))
    return tuple(out)


def _without_setting(query: Query, text: str) -> str:
    """The question's words without its places and years (「邢台2020年」), which a sentence need not repeat."""
    text = lexicon.SELF_PLACE.sub("", text)
    for place in query.places:
        text = text.replace(place.full_name, " ").replace(place.name, " ")
    return lexicon.QUESTION_YEAR.sub(" ", text).strip()


def _longest_shared(question: str, sentence: str, least: int = 5) -> tuple[int, int] | None:
    """Where the longest run of the question's characters (at least `least`) stands in the sentence."""
    best = None
    for i in range(len(question)):
        for j in range(len(question), i + least - 1, -1):
            if best and j - i <= best[1] - best[0]:
                break
            at = sentence.find(question[i:j])
            if at >= 0:
                best = (at, at + j - i)
                break
    return best


def _after_last_verb(phrase: str) -> str:
    """The words of a phrase after its last verb: the name that verb acts on."""
    pieces = cut(phrase)
    verbs = [i for i, w in enumerate(pieces[:-1]) if len(w) > 1 and is_verb_like(w)]
    kept = "".join(pieces[verbs[-1] + 1:]) if verbs else phrase
    return kept if len(kept) >= 2 and phrase.endswith(kept) else phrase


def _parenthesised(query: Query, sentence: str) -> tuple[tuple[int, int, str], ...]:
    """「1家省重点实验室(华康药业)」 for 「申报省重点实验室的是哪家企业」: a single name in brackets right after a
    thing the question names is that thing's owner."""
    out = []
    for term in {t for alts in query.terms for t in alts if len(t) >= 3}:
        for m in re.finditer(re.escape(term) + r"[(（]([^)）、，,]{2,20})[)）]", sentence):
            name = m.group(1)
            if _UNQUOTED_NAME.fullmatch(name) and not _generic(name) and not any(map(is_verb_like, cut(name))):
                out.append((m.start(1), m.end(1), name))
    return tuple(out)


_DASH = r"[”\"」』]?\s*(?:——|—|--)\s*"  # 「“科创飞地”——上饶科创(人才)中心」


def _named_after(sentence: str, heads: frozenset[str], link: str) -> tuple[tuple[int, int, str], ...]:
    """The name a sentence sets right after the asked noun: after a dash (「…“科创飞地”——上饶科创(人才)中心」) or
    after 为/是 (「…前身为贵州钟山经济开发区」 for 「…的前身叫什么」) — not 「以科学谷为引领」「以某某公司为主的…」,
    where 以…为 says what leads."""
    out = []
    for head in heads:
        if len(head) < 2:
            continue
        for m in re.finditer(re.escape(head) + link, sentence):
            clause = max((b.end() for b in _CLAUSE_BREAK.finditer(sentence, 0, m.start())), default=0)
            if _WITH_AS.search(sentence, clause, m.start()):
                continue  # 「以青海某某股份有限公司为主的…」: 以…为 says what leads, names nothing
            name = _NAME_START.match(sentence, m.end())
            if name and _is_name(name.group(0)) and not is_verb_like(cut(name.group(0))[0]):
                out.append((name.start(), name.end(), name.group(0)))
    return tuple(out)


def _is_name(name: str, heads: frozenset[str] = frozenset()) -> bool:
    return 2 <= len(name) <= 30 and not _generic(name, heads)
