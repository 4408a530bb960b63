"""Extractive answers: the short answer (a number with its unit, a name, a rank) and the sentence it
comes from, taken from the best-ranked passages. No answer is better than a wrong confident one, so
weak or mismatched evidence yields None.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from index.numbers import find_quantities

from .query import (ASK_AMOUNT, ASK_AREA, ASK_COUNT, ASK_ENTITY, ASK_LIST, ASK_NUMBER, ASK_RANK, ASK_RATIO,
                    Query)
from .records import Hit
from .retrieve import mentions_year

MAX_HITS = 6  # passages searched for an answer
MIN_COVERAGE = 0.5  # share of the question's content words the answer's sentence must contain

_SENTENCE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]?")
_CLAUSE_BREAK = re.compile(r"[，,：:、]")
_OTHER_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_TARGET_WORDS = re.compile(r"力争|计划|目标|确保|争取|预计|打算|将|要点|拟")
_CURRENCY = ("元",)
_AREA_UNITS = ("平方公里", "平方米", "亩", "公顷", "平方千米")
_QUOTED = re.compile(r"[“\"「『]([^”\"」』]{2,40})[”\"」』]")
_BOOK = re.compile(r"《([^》]{2,60})》")
_ORG = re.compile(r"[\u4e00-\u9fff（）()A-Za-z]{2,30}?(?:股份有限公司|有限责任公司|有限公司|集团|研究院|研究所|大学|学院|中心)")
_ASKED = re.compile(r"(?:什么|哪种|何种|哪个|哪家|哪些|哪一)([\u4e00-\u9fff]{1,5})")
_ORG_LEAD = re.compile(r"^(?:成功|组织|推荐|帮助|支持|引导|推动|获批|认定|其中|目前|全市|我市|经)+")


@dataclass(frozen=True)
class Extraction:
    answer: str
    quote: str  # the whole sentence, exactly as the passage has it
    hit: int  # index of the passage in the ranked hits
    score: float
    coverage: float


def extract_answer(query: Query, hits: list[Hit]) -> Extraction | None:
    if query.asks == ASK_LIST or not hits:
        return None
    best: Extraction | None = None
    for rank, hit in enumerate(hits[:MAX_HITS]):
        for sentence in _sentences(hit.chunk.text):
            found = _best_in_sentence(query, hit, sentence, rank)
            if found and (best is None or found.score > best.score):
                best = found
    if best is None or best.coverage < MIN_COVERAGE:
        return None
    return best


def _sentences(text: str) -> list[str]:
    return [m.group(0).strip() for m in _SENTENCE.finditer(text) if m.group(0).strip()]


def term_weights(query: Query) -> dict[tuple[str, ...], float]:
    """Longer words are more specific: 高新技术企业 says more than 企业."""
    return {alts: float(min(max(len(a) for a in alts), 6)) for alts in query.terms}


def coverage(weights: dict[tuple[str, ...], float], text: str) -> float:
    """Share of the question's term weight found in the text (a term counts if any alternative is there)."""
    total = sum(weights.values())
    return sum(w for alts, w in weights.items() if any(a in text for a in alts)) / total if total else 0.0


def _best_in_sentence(query: Query, hit: Hit, sentence: str, rank: int) -> Extraction | None:
    weights = term_weights(query)
    # The section heading says what a sentence is about (「3.加快离岸科创中心建设」 › 「坚持“研发在武汉…”模式」).
    sent_cov = coverage(weights, f"{hit.chunk.section} {sentence}")
    if sent_cov < MIN_COVERAGE * 0.8:
        return None
    candidates = _candidates(query, sentence)
    if not candidates:
        return None
    heading = any(sentence.startswith(h[:12]) for h in hit.chunk.headings if len(h) >= 4)
    best = None
    for start, end, answer in candidates:
        clause = _clause_around(sentence, start, end)
        clause_cov = coverage(weights, clause)
        score = 0.55 * clause_cov + 0.45 * sent_cov - 0.03 * rank
        score += _year_score(query, hit, clause, sentence)
        score += _kind_score(query, clause, heading)
        score += _unit_score(query, answer)
        if query.asks == ASK_ENTITY:
            score += _entity_score(query, sentence, end, answer, weights)
        if best is None or score > best[0]:
            best = (score, answer, max(clause_cov, sent_cov))
    score, answer, cov = best
    return Extraction(answer=answer, quote=sentence, hit=rank, score=score, coverage=cov)


def _clause_around(sentence: str, start: int, end: int) -> str:
    """The comma clause holding a candidate: where a figure's own indicator words are."""
    left = max((m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, start)), default=0)
    right = next((m.start() for m in _CLAUSE_BREAK.finditer(sentence, end)), len(sentence))
    return sentence[left:right]


def _year_score(query: Query, hit: Hit, clause: str, sentence: str) -> float:
    if query.year is None:
        return 0.0
    if mentions_year(clause, query.year, hit.doc.date) or mentions_year(sentence, query.year, hit.doc.date):
        return 0.1
    named = {int(y) for y in _OTHER_YEAR.findall(clause)}
    if named and query.year not in named:
        return -0.3  # the figure is explicitly about another year
    return 0.05 if hit.doc.year == query.year else -0.1


def _kind_score(query: Query, clause: str, heading: bool) -> float:
    """Plans and task titles state targets; a question about what was done wants the achieved figure."""
    wants_target = bool(_TARGET_WORDS.search(query.text))
    is_target = heading or bool(_TARGET_WORDS.search(clause))
    if wants_target == is_target:
        return 0.05
    return -0.15 if not wants_target else 0.0


def _unit_score(query: Query, answer: str) -> float:
    return 0.1 if query.counter and answer.endswith(query.counter) else 0.0


def _entity_score(query: Query, sentence: str, end: int, answer: str, weights) -> float:
    """A name next to the noun the question asks for (什么发展模式 → “…”创新发展模式) is the answer; a name
    made of the question's own words (《…离岸科技创新中心入驻管理办法》) is its subject, not its answer."""
    score = -0.4 * coverage(weights, answer)
    heads = _asked_nouns(query.text)
    after = sentence[end:end + 8]
    if any(h in after or answer.endswith(h) for h in heads):
        score += 0.2
    if heads & {"企业", "公司", "单位", "机构"} and _ORG.fullmatch(answer):
        score += 0.15
    return score


def _asked_nouns(question: str) -> set[str]:
    match = _ASKED.search(question)
    if not match:
        return set()
    phrase = match.group(1)
    return {phrase[:2], phrase[-2:]} if len(phrase) >= 2 else set()


def _candidates(query: Query, sentence: str) -> list[tuple[int, int, str]]:
    if query.asks == ASK_ENTITY:
        return _entity_candidates(query, sentence)
    out = []
    for q in find_quantities(sentence):
        if (q.quantity.rank if query.asks == ASK_RANK else _fits(query, q.quantity.unit)):
            out.append((q.start, q.end, re.sub(r"\s+", "", q.raw)))
    return out


def _fits(query: Query, unit: str) -> bool:
    if query.asks == ASK_RATIO:
        return unit == "%"
    if query.asks == ASK_AMOUNT:
        return unit.endswith(_CURRENCY)
    if query.asks == ASK_AREA:
        return unit in _AREA_UNITS
    if query.asks == ASK_COUNT:
        return bool(unit) and not unit.endswith(_CURRENCY) and unit != "%" and unit not in _AREA_UNITS
    return query.asks == ASK_NUMBER and bool(unit)


def _entity_candidates(query: Query, sentence: str) -> list[tuple[int, int, str]]:
    """Named things: quoted names, titles of documents, organisations — minus what the question names."""
    out = []
    for pattern in (_QUOTED, _BOOK):
        for m in pattern.finditer(sentence):
            out.append((m.start(1), m.end(1), m.group(1)))
    for m in _ORG.finditer(sentence):
        name = _ORG_LEAD.sub("", m.group(0))
        if len(name) >= 4:
            out.append((m.end() - len(name), m.end(), name))
    asked = query.text
    return [(s, e, a) for s, e, a in out if a not in asked and not any(a in t for alts in query.terms for t in alts)]
