"""Whether a figure is a target, a plan or a requirement rather than a result: what a question about results
(「…新增了多少家」) must not be answered with, and a question about a plan's target (「…计划新增多少家」) may."""
from __future__ import annotations

from policyqa import lexicon
from policyqa.index.numbers import find_quantities
from policyqa.lexicon import years_named

from .evidence import Context


def in_required_paragraph(ctx: Context, start: int) -> bool:
    """A sentence after the first of a paragraph that opens with a requirement, the next step or the year ahead and
    what the place will do (「2025年，广西将启动…」; not 「2022年，我市将科技创新作为…」, which says what was done)."""
    at = ctx.paragraph.find(ctx.sentence)
    if at <= 0 or not lexicon.REQUIRED_PARAGRAPH.match(ctx.paragraph) or years_named(ctx.sentence) \
            or lexicon.OBJECT_WILL.search(ctx.paragraph, 0, at):
        return False
    # 「…。2021年全市新增…150家，增长20%」 reports again — said next to the figure (a plan's 「…增长10%以上」 further on
    # in its list says nothing of this figure)
    breaks = [m.start() for m in lexicon.CLAUSE_BREAK.finditer(ctx.sentence)]
    left = max((b for b in breaks if b < start), default=0)
    after = [b for b in breaks if b > start]  # (the figure's clause and the one after it)
    right = after[1] if len(after) > 1 else len(ctx.sentence)
    return not lexicon.RESULT_STATED.search(ctx.sentence, left, right)


def governed_by_target(sentence: str, start: int) -> bool:
    """A clause before the figure, with no figure of its own, that sets a target (力争, 争取, 确保 …) governs the
    clauses after it in the sentence — unless it reports a target met (完成); and so does a lead-in naming targets
    or tasks before the list it introduces (「主要预期目标:」「承担的省考指标任务共四项，分别是…」)."""
    clauses = lexicon.CLAUSE_BREAK.split(sentence[:start])[:-1]
    if any(lexicon.STRIVE.search(c) and not find_quantities(c) and "完成" not in c for c in clauses):
        return True
    # ... and a 力争 heads the list of items (、) the figure stands in: 「要力争实现…平台3家、全市高新技术企业达到228家」
    items = lexicon.BRACKETED.sub("", lexicon.LIST_RUN.split(sentence[:start])[-1])  # (「（力争目标为4家）」 aside)
    head = items[:items.rfind("、")]
    if head and lexicon.LIST_STRIVE.search(head) and "完成" not in items:
        return True
    intros = list(lexicon.LIST_INTRODUCER.finditer(sentence, 0, start))
    if not intros:
        return False
    lead_in = [c for c in lexicon.CLAUSE_SPAN.findall(sentence[:intros[-1].start()]) if c.strip()]
    return bool(lead_in) and bool(lexicon.TARGET_LEAD.search(lead_in[-1])) and not lexicon.DONE_LEAD.search(lead_in[-1])


def sure_target(ctx: Context, clause: str) -> bool:
    """A target beyond doubt: the clause says so (力争, 确保, 目标 …), or the nearest heading of the passage is a
    plan's (「二、目标任务」「2017年工作打算」) and not a review's (「目标任务完成情况」)."""
    if lexicon.SURE_TARGET.search(clause):
        return True
    # the nearest heading that says which part of the report this is: 「二、主要目标」 › 「（三）创新驱动进一步增强」
    # sets targets under a heading of its own; 「二、2023年工作计划」 › 「（一）2022年完成情况」 reviews
    for heading in reversed(ctx.section.split(" › ") if ctx.section else ()):
        if lexicon.DONE_HEADING.search(heading):
            return False
        if lexicon.PLAN_SECTION.search(heading):
            return True
    return False
